import type { Kysely, Transaction } from 'kysely';
import type { CaseFileDatabase } from './schema';

/**
 * The two ways into a case file's tables, told apart by type (as Signal-Desktop's
 * ReadableDB/WritableDB are):
 * - `ReadableCaseDb`, what everyone gets (`CaseFile.db`): queries only. It has no insertInto,
 *   updateTable, deleteFrom, transaction or raw SQL, so nothing can change the file through it.
 * - `WritableCaseDb`, the transaction of one change, handed out only inside `CaseFile.mutate`,
 *   which records the change in the audit log in the same transaction.
 */
export type ReadableCaseDb = Pick<Kysely<CaseFileDatabase>, 'selectFrom' | 'fn'>;

/** The transaction of one audited change: only `CaseFile.mutate` makes one. */
export type WritableCaseDb = Transaction<CaseFileDatabase>;
