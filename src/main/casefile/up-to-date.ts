import { sql, type Kysely } from 'kysely';
import { isUserFacingError } from '../../shared/errors';
import { APP_ACTOR, appendAuditEntry, type WritableAuditedDb } from './audit';
import { caseFileFailures, storageFailure } from './failures';
import type { StoredFileKind } from './file-kind';
import { migrateFile } from './migrations';
import type { AuditLogRow } from './schema';

/** What bringing a file up to date needs of it: a case file (case-file.ts) or a scheme file (src/main/scheme). */
export interface FileToBringUpToDate {
  readonly path: string;
  /** The connection the migrations run on (they audit themselves, outside `mutate`). */
  readonly writable: Kysely<unknown>;
  details(): Promise<{ lastAppVersion: string }>;
  mutate(
    actor: string,
    action: string,
    payload: { appVersion: string },
    change: (trx: Kysely<unknown>) => Promise<void>,
  ): Promise<void>;
}

/**
 * Runs a file's pending migrations in one transaction, audited in it as `<prefix>.layout_updated`,
 * and records the app version (`<prefix>.opened_with_app_version` when only the app changed). A
 * failed migration leaves the file as it was: a full disk or a read-only folder is said in plain
 * words, an error the user can meet is passed on as it is, anything else names the backup.
 */
export async function bringFileUpToDate(
  kind: StoredFileKind,
  file: FileToBringUpToDate,
  update: { fileSchema: number; appVersion: string; backup: string | undefined; auditPrefix: string },
): Promise<void> {
  const { fileSchema, appVersion, backup, auditPrefix } = update;
  const latest = kind.migrations.length;
  const recordAppVersion = async (db: Kysely<unknown>): Promise<void> => {
    await sql`update ${sql.table(kind.metadataTable)} set last_app_version = ${appVersion}`.execute(db);
  };
  if (fileSchema < latest) {
    await migrateFile(file.writable, kind, {
      afterLast: async (db) => {
        await recordAppVersion(db);
        await appendAuditEntry(
          db as unknown as WritableAuditedDb<{ audit_log: AuditLogRow }>,
          {
            actor: APP_ACTOR,
            action: `${auditPrefix}.layout_updated`,
            payload: { fromSchema: fileSchema, toSchema: latest, appVersion },
          },
          kind.metadataTable,
        );
      },
    }).catch((error: unknown) => {
      const failure = storageFailure(error, file.path);
      if (failure) throw failure;
      if (isUserFacingError(error)) throw error;
      const reason =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw caseFileFailures.updateFailed(file.path, backup ?? file.path, reason);
    });
    return;
  }
  const { lastAppVersion } = await file.details();
  if (lastAppVersion !== appVersion)
    await file.mutate(APP_ACTOR, `${auditPrefix}.opened_with_app_version`, { appVersion }, recordAppVersion);
}
