import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssessorIdentity as IdentitySummary } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { ASSESSOR_ROLE_TITLES, loadIdentity, type AssessorIdentity } from '../signing';

/**
 * The signing identities imported on this computer: each assessor's PKCS#12 file, kept exactly as
 * the scheme issued it (still protected by its own password, asked for at every signature), beside
 * a small JSON file describing it. Both live in `<userDataDir>/identities/`.
 */

const IDENTITIES_FOLDER = 'identities';

interface StoredIdentity extends IdentitySummary {
  fileName: string;
  importedAt: string;
}

function folder(userDataDir: string): string {
  return join(userDataDir, IDENTITIES_FOLDER);
}

/** Ids are hex (the start of the certificate's fingerprint), so they can name files safely. */
function requireIdentityId(identityId: string): string {
  if (!/^[0-9a-f]{16,64}$/.test(identityId)) {
    throw new UserFacingError(
      'IDENTITY_MISSING',
      'That signing identity is not on this computer. Import it in Settings first.',
    );
  }
  return identityId;
}

function writeAtomically(path: string, data: Uint8Array | string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data, { mode: 0o600 });
  renameSync(temporary, path);
}

function summaryOf(identity: AssessorIdentity): IdentitySummary {
  const certificate = identity.certificate;
  const fingerprint = certificate.sha256.toString('hex');
  return {
    id: fingerprint.slice(0, 16),
    name: identity.name,
    // The role the scheme put in the identity (its certificate policy) is the one that counts.
    role: identity.schemeRole
      ? ASSESSOR_ROLE_TITLES[identity.schemeRole]
      : 'No scheme role (issued before roles were recorded): it cannot sign; ask the scheme for a new identity',
    serialNumber: identity.certificateNumber,
    issuer: certificate.issuerCommonName,
    validFrom: certificate.notBefore.toISOString(),
    validTo: certificate.notAfter.toISOString(),
    fingerprint,
  };
}

/** Imports an identity file: the password is checked by opening it; the file is kept still protected. */
export async function importIdentity(
  userDataDir: string,
  input: { fileName: string; pkcs12: Uint8Array; password: string },
): Promise<IdentitySummary> {
  const identity = await loadIdentity(input.pkcs12, input.password);
  const summary = summaryOf(identity);
  mkdirSync(folder(userDataDir), { recursive: true });
  const stored: StoredIdentity = {
    ...summary,
    fileName: input.fileName,
    importedAt: new Date().toISOString(),
  };
  writeAtomically(join(folder(userDataDir), `${summary.id}.p12`), input.pkcs12);
  writeAtomically(join(folder(userDataDir), `${summary.id}.json`), `${JSON.stringify(stored, null, 2)}\n`);
  return summary;
}

function isStoredIdentity(value: unknown): value is StoredIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return ['id', 'name', 'role', 'serialNumber', 'issuer', 'validFrom', 'validTo', 'fingerprint'].every(
    (key) => typeof entry[key] === 'string',
  );
}

function readStored(path: string): IdentitySummary | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!isStoredIdentity(parsed)) return undefined;
    const { id, name, role, serialNumber, issuer, validFrom, validTo, fingerprint } = parsed;
    return { id, name, role, serialNumber, issuer, validFrom, validTo, fingerprint };
  } catch {
    return undefined;
  }
}

/** Every identity on this computer, by name. */
export function listIdentities(userDataDir: string): IdentitySummary[] {
  let names: string[];
  try {
    names = readdirSync(folder(userDataDir)).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names
    .map((name) => readStored(join(folder(userDataDir), name)))
    .filter(
      (entry): entry is IdentitySummary =>
        entry !== undefined && existsSync(join(folder(userDataDir), `${entry.id}.p12`)),
    )
    .sort((a, b) => a.name.localeCompare(b.name) || a.validTo.localeCompare(b.validTo));
}

export function findIdentity(userDataDir: string, identityId: string): IdentitySummary {
  const summary = readStored(join(folder(userDataDir), `${requireIdentityId(identityId)}.json`));
  if (!summary)
    throw new UserFacingError(
      'IDENTITY_MISSING',
      'That signing identity is not on this computer. Import it in Settings first.',
    );
  return summary;
}

/** Opens an imported identity with its password, ready to sign. */
export async function unlockIdentity(
  userDataDir: string,
  identityId: string,
  password: string,
): Promise<AssessorIdentity> {
  findIdentity(userDataDir, identityId);
  let pkcs12: Buffer;
  try {
    pkcs12 = readFileSync(join(folder(userDataDir), `${identityId}.p12`));
  } catch {
    throw new UserFacingError(
      'IDENTITY_MISSING',
      'The signing identity’s file is missing from this computer. Import it again in Settings.',
    );
  }
  return loadIdentity(pkcs12, password);
}

export function removeIdentity(userDataDir: string, identityId: string): void {
  findIdentity(userDataDir, identityId);
  rmSync(join(folder(userDataDir), `${identityId}.p12`), { force: true });
  rmSync(join(folder(userDataDir), `${identityId}.json`), { force: true });
}
