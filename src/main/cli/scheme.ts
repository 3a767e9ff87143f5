import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserFacingError } from '../../shared/errors';
import {
  ASSESSOR_ROLE_TITLES,
  assessorRoleFromWords,
  createSchemeRoot,
  issueAssessorIdentity,
  loadSchemeRoot,
  parseRevocationList,
  REVOCATION_REASONS,
  revokeCertificates,
  type RevocationEntry,
  type RevocationReason,
  type SchemeRoot,
} from '../signing';
import { commandArgs } from './arguments';
import { EXIT_OK, UsageError, type Command, type CommandIo } from './command';
import { readSecret } from './secrets';

/**
 * `copanel scheme …`: the scheme's own tools. The root's private key only ever exists in an
 * encrypted file (scheme-root-key.pem) beside its certificate (scheme-root.pem).
 */

const SCHEME_ROOT_CERTIFICATE = 'scheme-root.pem';
const SCHEME_ROOT_KEY = 'scheme-root-key.pem';

const SECRETS_HELP = [
  'The scheme passphrase comes from --passphrase-file FILE or COPANEL_SCHEME_PASSPHRASE;',
  'an identity’s password from --password-file FILE or COPANEL_IDENTITY_PASSWORD. Never on the command line.',
].join('\n');

export function schemePassphrase(io: CommandIo, file: string | undefined): string {
  return readSecret({
    env: io.env,
    file,
    fileOption: '--passphrase-file',
    envName: 'COPANEL_SCHEME_PASSPHRASE',
    what: 'scheme passphrase',
  });
}

export function readSchemeRoot(dir: string): SchemeRoot {
  const certificate = join(dir, SCHEME_ROOT_CERTIFICATE);
  const key = join(dir, SCHEME_ROOT_KEY);
  if (!existsSync(certificate) || !existsSync(key)) {
    throw new UsageError(
      `${dir} does not hold a scheme root (${SCHEME_ROOT_CERTIFICATE} and ${SCHEME_ROOT_KEY}). Make one with "copanel scheme init".`,
    );
  }
  return loadSchemeRoot({
    certificatePem: readFileSync(certificate, 'utf8'),
    encryptedKeyPem: readFileSync(key, 'utf8'),
  });
}

/** The refusal when a command that signs with the scheme root is not told where the root is. */
export const NEED_ROOT = 'name the scheme root folder with --root DIR.';

export function refuseToOverwrite(path: string): void {
  if (existsSync(path))
    throw new UsageError(`${path} already exists. Choose another place, or move the old file away first.`);
}

export const schemeInitCommand: Command = {
  name: 'scheme init',
  summary: 'create the scheme’s root certificate and its encrypted private key',
  usage: [
    'Usage: copanel scheme init --out DIR --name NAME [--passphrase-file FILE]',
    '',
    `Writes DIR/${SCHEME_ROOT_CERTIFICATE} (publish it: verifiers trust it) and DIR/${SCHEME_ROOT_KEY}`,
    '(the private key, encrypted with the scheme passphrase: keep it offline and backed up).',
    SECRETS_HELP,
  ].join('\n'),
  async run(io) {
    const { values } = parseArgs({
      args: io.args,
      options: { out: { type: 'string' }, name: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    });
    if (!values.out) throw new UsageError('say where to write the root with --out DIR.');
    if (!values.name?.trim())
      throw new UsageError(
        'give the scheme’s name with --name, e.g. --name "Coproduction Quality Standard".',
      );
    const dir = resolve(values.out);
    const certificateFile = join(dir, SCHEME_ROOT_CERTIFICATE);
    const keyFile = join(dir, SCHEME_ROOT_KEY);
    refuseToOverwrite(certificateFile);
    refuseToOverwrite(keyFile);
    const passphrase = schemePassphrase(io, values['passphrase-file']);
    if (passphrase.length < 12)
      throw new UserFacingError(
        'WEAK_PASSPHRASE',
        'The scheme passphrase protects every certificate the scheme issues: use at least 12 characters, ideally several unrelated words.',
      );
    const root = await createSchemeRoot({ name: values.name.trim(), passphrase, now: new Date() });
    mkdirSync(dir, { recursive: true });
    writeFileSync(certificateFile, root.certificatePem);
    writeFileSync(keyFile, root.encryptedKeyPem, { mode: 0o600 });
    io.out(`Created the scheme root for ${root.name}.`);
    io.out(
      `  certificate: ${certificateFile} (fingerprint SHA-256 ${root.certificate.sha256.toString('hex')})`,
    );
    io.out(`  private key: ${keyFile} (encrypted; keep it safe)`);
    return EXIT_OK;
  },
};

/**
 * How long an assessor's identity lasts: a certificate is valid for three years and is checked
 * against the identities that signed it at the time of checking (there is no trusted timestamp),
 * so an identity must outlive every certificate it signs. Four years (and a day for the leap
 * year) keeps a certificate signed in the identity's first year verifiable to its end.
 */
const CERTIFICATE_YEARS = 3;
const IDENTITY_DAYS = 4 * 365 + 1;
const DAY_MS = 24 * 60 * 60 * 1000;

export const schemeIssueCommand: Command = {
  name: 'scheme issue',
  summary: 'issue an assessor’s signing identity (a password-protected .p12 file)',
  usage: [
    'Usage: copanel scheme issue --root DIR --name NAME --role ROLE --out FILE.p12 [--valid-days N] [--passphrase-file FILE] [--password-file FILE]',
    '',
    'ROLE is "lead", "expert-by-experience" (or "assessor") or "co-assessor". It is written into the identity',
    '(a certificate policy of the scheme), and the app and `copanel verify` accept only: certified by a lead',
    'identity, co-signed by a different Expert by Experience identity.',
    `The identity is valid for N days: at least and by default ${IDENTITY_DAYS} (four years), because a certificate`,
    `lasts ${CERTIFICATE_YEARS} years and is checked against the identity that signed it; one the assessor signs in the`,
    'identity’s first year stays verifiable to its end. Give the .p12 file and its password to the assessor.',
    SECRETS_HELP,
  ].join('\n'),
  async run(io) {
    const { values } = parseArgs({
      args: io.args,
      options: {
        root: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        out: { type: 'string' },
        'valid-days': { type: 'string' },
        'passphrase-file': { type: 'string' },
        'password-file': { type: 'string' },
      },
    });
    if (!values.root) throw new UsageError(NEED_ROOT);
    if (!values.name?.trim()) throw new UsageError('give the assessor’s name with --name.');
    if (!values.role?.trim()) throw new UsageError('give the assessor’s role with --role, e.g. --role lead.');
    if (!values.out) throw new UsageError('say where to write the identity with --out FILE.p12.');
    const role = assessorRoleFromWords(values.role);
    if (!role)
      throw new UsageError(
        `"${values.role.trim()}" is not a role: use --role lead, --role expert-by-experience or --role co-assessor.`,
      );
    const validDays = values['valid-days'] === undefined ? IDENTITY_DAYS : Number(values['valid-days']);
    if (!Number.isInteger(validDays) || validDays < IDENTITY_DAYS || validDays > 3650)
      throw new UsageError(
        `--valid-days is a whole number of days from ${IDENTITY_DAYS} to 3650: an identity must outlive the ${CERTIFICATE_YEARS}-year certificates it signs, with a year to sign them in.`,
      );
    const out = resolve(values.out);
    refuseToOverwrite(out);
    const root = readSchemeRoot(resolve(values.root));
    const issued = await issueAssessorIdentity({
      root,
      rootPassphrase: schemePassphrase(io, values['passphrase-file']),
      name: values.name.trim(),
      role,
      password: readSecret({
        env: io.env,
        file: values['password-file'],
        fileOption: '--password-file',
        envName: 'COPANEL_IDENTITY_PASSWORD',
        what: 'identity password',
      }),
      validDays,
      now: new Date(),
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, issued.pkcs12, { mode: 0o600 });
    const signUntil = new Date(issued.validUntil.getTime() - CERTIFICATE_YEARS * 365 * DAY_MS - DAY_MS);
    io.out(`Issued a signing identity for ${values.name.trim()} (${ASSESSOR_ROLE_TITLES[role]}): ${out}`);
    io.out(`  assessor certificate number: ${issued.certificateNumber}`);
    io.out(`  key id: ${issued.keyId}`);
    io.out(`  valid from ${issued.validFrom.toISOString()} until ${issued.validUntil.toISOString()}`);
    io.out(
      `  Certificates are checked against this identity for their whole ${CERTIFICATE_YEARS} years, so it signs certificates until ${signUntil.toISOString().slice(0, 10)}; after that, issue a new identity.`,
    );
    return EXIT_OK;
  },
};

/** "key-compromise", "Key compromise" or "keyCompromise" → keyCompromise. */
function revocationReason(text: string): RevocationReason {
  const wanted = text.replace(/[^a-z]/gi, '').toLowerCase();
  const reason = (Object.keys(REVOCATION_REASONS) as RevocationReason[]).find(
    (key) => key.toLowerCase() === wanted,
  );
  if (!reason)
    throw new UsageError(
      `"${text}" is not a revocation reason. Use one of: ${Object.keys(REVOCATION_REASONS).map(kebab).join(', ')}.`,
    );
  return reason;
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A kitemark certificate number looks like CPS-2025-3F2A1B9C; an assessor certificate number is hex. */
function revocationEntry(number: string, reason: RevocationReason, date: Date): RevocationEntry {
  if (/^[A-Z]+-\d{4}-[A-Z0-9-]+$/i.test(number))
    return { kitemarkCertificateNumber: number.toUpperCase(), reason, date };
  if (/^[0-9a-f:]+$/i.test(number)) return { serial: number, reason, date };
  throw new UsageError(
    `"${number}" is neither a certificate number (like CPS-2025-3F2A1B9C) nor an assessor certificate number (hex).`,
  );
}

export const schemeRevokeCommand: Command = {
  name: 'scheme revoke',
  summary: 'withdraw a certificate or an assessor’s identity: writes a signed revocation list',
  usage: [
    'Usage: copanel scheme revoke <certificate-number> --reason REASON --root DIR --out FILE [--previous LIST] [--passphrase-file FILE]',
    '',
    '<certificate-number> is a kitemark certificate number (CPS-2025-3F2A1B9C) or an assessor certificate number (hex).',
    `REASON is one of: ${Object.keys(REVOCATION_REASONS).map(kebab).join(', ')}.`,
    'The list replaces older ones: give --previous with the last list to keep what it revoked. Publish FILE;',
    'verifiers check with `copanel verify … --revocations FILE`.',
    SECRETS_HELP,
  ].join('\n'),
  async run(io) {
    const { values, positionals } = commandArgs(
      io,
      {
        reason: { type: 'string' },
        root: { type: 'string' },
        out: { type: 'string' },
        previous: { type: 'string' },
        'passphrase-file': { type: 'string' },
      },
      {
        positionals: { count: 1, refusal: 'name one certificate number to revoke.' },
        required: {
          reason: 'give the reason with --reason, e.g. --reason privilege-withdrawn.',
          root: NEED_ROOT,
          out: 'say where to write the revocation list with --out FILE.',
        },
      },
    );
    const root = readSchemeRoot(resolve(values.root!));
    const now = new Date();
    const entries: RevocationEntry[] = [];
    if (values.previous) {
      const previous = await parseRevocationList(readFileSync(resolve(values.previous)), [root.certificate]);
      entries.push(
        ...previous.entries.map((entry) => ({
          serial: entry.serial,
          reason: entry.reason,
          date: entry.date,
        })),
      );
    }
    entries.push(revocationEntry(positionals[0]!, revocationReason(values.reason!), now));
    const list = await revokeCertificates({
      root,
      rootPassphrase: schemePassphrase(io, values['passphrase-file']),
      entries,
      now,
    });
    const out = resolve(values.out!);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, list.pem);
    io.out(
      `Revoked ${positionals[0]} (${kebab(revocationReason(values.reason!))}). The revocation list lists ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}: ${out}`,
    );
    return EXIT_OK;
  },
};
