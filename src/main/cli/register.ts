import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserFacingError } from '../../shared/errors';
import { readSchemeRootsFromInput } from '../certificates';
import {
  dueSoon,
  exportRegister,
  importCertificatePdf,
  importFromCaseFile,
  listRegister,
  londonDate,
  mergeRegister,
  searchRegister,
  STILL_GOOD,
  looksLikeBadge,
  registerEntry,
  signBadge,
  verifyBadge,
  publishedRegister,
  publishRegisterSite,
  recordRegisterEvent,
  registerCsv,
  remindersIcs,
  registerRevocationList,
  signRegister,
  verifySignedRegister,
  type PublishedEntry,
} from '../register';
import { REGISTER_EVENT_KINDS, REGISTER_STATUS_STATES, type RegisterEntry } from '../../shared/api';

import { nodeRuntime } from '../runtime';
import type { SchemeFile } from '../scheme';
import { commandArgs, readInput } from './arguments';
import { EXIT_OK, UsageError, type Command, type CommandIo } from './command';
import { NEED_ROOT, readSchemeRoot, schemePassphrase } from './scheme';
import { withSchemeFile } from './scheme-file';
import { casePassphrase } from './secrets';

/** `copanel register …`: the register of certificates in the scheme file (issue 15). */

const SECRETS_HELP = [
  'The scheme file’s passphrase comes from --passphrase-file FILE or COPANEL_SCHEME_FILE_PASSPHRASE;',
  'the scheme root’s from --root-passphrase-file FILE or COPANEL_SCHEME_PASSPHRASE. Never on the command line.',
].join('\n');

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Options every command on the scheme file takes. */
const SCHEME_FILE_OPTIONS = { 'passphrase-file': { type: 'string' } } as const;

const NEED_TRUST = 'give the scheme root certificate with --trust ROOT.pem.';
const NEED_BY = 'give your name with --by, for the record of changes.';

/** A register's signature (the file's name with .p7s, unless named), which must exist. */
function readRegisterSignature(file: string, signature: string | undefined): Buffer {
  const path = signature ?? `${file}.p7s`;
  if (!existsSync(resolve(path)))
    throw new UsageError(`the register’s signature “${path}” is missing; give it with --signature.`);
  return readInput(path, 'register signature');
}

/** The scheme root certificate(s) given with --trust. */
function trustedRootsIn(path: string) {
  return readSchemeRootsFromInput(readInput(path, 'trusted root'));
}

/** "Now" for the command: the real clock, or noon (London) on the day given with --at. */
function clock(at: string | undefined): Date {
  if (at === undefined) return new Date();
  if (!DATE.test(at)) throw new UsageError('give --at as a date like 2026-03-14.');
  return new Date(`${at}T12:00:00Z`);
}

/** Opens the scheme file the command names first (refused when it names none), runs `work`, and closes it. */
async function withScheme<T>(
  io: CommandIo,
  path: string | undefined,
  passphraseFile: string | undefined,
  readOnly: boolean,
  work: (scheme: SchemeFile) => Promise<T>,
): Promise<T> {
  if (!path) throw new UsageError('name the scheme file (.copanel-scheme).');
  return withSchemeFile(io, { path: resolve(path), passphraseFile, readOnly }, work);
}

/** A certificate in the register, on one line: its number, the organisation, the level and its status. */
function entryLine(entry: RegisterEntry | PublishedEntry): string {
  return `${entry.certificateNumber}  ${entry.organisation}, Level ${entry.level} — ${entry.status.words}`;
}

export const registerImportCommand: Command = {
  name: 'register import',
  summary: 'add a certificate to the register (from its PDF or its case file), after checking it',
  usage: [
    'Usage: copanel register import <file.copanel-scheme> (--pdf CERT.pdf | --case FILE.copanel) --trust ROOT.pem --by NAME',
    '       [--passphrase-file FILE] [--case-passphrase-file FILE] [--at YYYY-MM-DD]',
    '',
    'The certificate is checked as `copanel verify` checks it; one that does not pass is not added (the reason is printed).',
    'From a case file, every issued certificate is added, with the standard’s version; its passphrase comes from',
    '--case-passphrase-file FILE or COPANEL_PASSPHRASE.',
    SECRETS_HELP,
  ].join('\n'),
  async run(io) {
    const { values, positionals } = commandArgs(
      io,
      {
        ...SCHEME_FILE_OPTIONS,
        pdf: { type: 'string' },
        case: { type: 'string' },
        trust: { type: 'string' },
        by: { type: 'string' },
        at: { type: 'string' },
        'case-passphrase-file': { type: 'string' },
      },
      { required: { trust: NEED_TRUST, by: NEED_BY } },
    );
    if ((values.pdf === undefined) === (values.case === undefined))
      throw new UsageError('give either --pdf CERT.pdf or --case FILE.copanel.');
    const trustedRoots = trustedRootsIn(values.trust!);
    const now = clock(values.at);
    return withScheme(io, positionals[0], values['passphrase-file'], false, async (scheme) => {
      const common = { trustedRoots, actor: values.by!, now };
      const results = values.pdf
        ? [await importCertificatePdf(scheme, { ...common, pdf: readInput(values.pdf, 'certificate') })]
        : await importFromCaseFile(scheme, {
            ...common,
            caseFilePath: resolve(values.case!),
            passphrase: casePassphrase(io, values['case-passphrase-file'], '--case-passphrase-file'),
            appVersion: nodeRuntime('cli').version,
          });
      for (const { entry, added } of results)
        io.out(`${added ? 'Added' : 'Already in the register'}: ${entryLine(entry)}`);
      return EXIT_OK;
    });
  },
};

/** A whole number given as an option, within bounds (or the default when it is not given). */
function wholeNumber(value: string | undefined, option: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > max)
    throw new UsageError(`give ${option} as a whole number from 0 to ${max}.`);
  return number;
}

export const registerListCommand: Command = {
  name: 'register list',
  summary:
    'list the certificates in the register with their status (search, filter by status, a page at a time)',
  usage: [
    'Usage: copanel register list <file.copanel-scheme> [--at YYYY-MM-DD] [--search TEXT] [--status STATE]',
    '       [--limit N] [--offset N] [--csv] [--json] [--passphrase-file FILE]',
    '',
    'Each certificate’s status on the day (today in the UK, or --at): valid, interim review due or overdue,',
    'conditions due or overdue, expired, suspended, revoked or superseded.',
    '--search finds words in the organisation’s name or the certificate number; --status keeps one state',
    `(${REGISTER_STATUS_STATES.join(', ')}); --limit and --offset show a page of the list.`,
    '--csv prints the register as CSV (safe to open in a spreadsheet).',
    SECRETS_HELP,
  ].join('\n'),
  async run(io) {
    const { values, positionals } = commandArgs(io, {
      ...SCHEME_FILE_OPTIONS,
      at: { type: 'string' },
      search: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      csv: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const today = londonDate(clock(values.at));
    const state = REGISTER_STATUS_STATES.find((known) => known === values.status);
    if (values.status !== undefined && !state)
      throw new UsageError(`give --status as one of ${REGISTER_STATUS_STATES.join(', ')}.`);
    const limit = values.limit === undefined ? undefined : wholeNumber(values.limit, '--limit', 0, 100_000);
    const offset = wholeNumber(values.offset, '--offset', 0, 10_000_000);
    return withScheme(io, positionals[0], values['passphrase-file'], true, async (scheme) => {
      const { total, entries } = await searchRegister(scheme, {
        today,
        ...(values.search !== undefined ? { query: values.search } : {}),
        ...(state ? { states: [state] } : {}),
        ...(limit !== undefined ? { limit } : {}),
        offset,
      });
      if (values.json) io.out(JSON.stringify(entries, null, 2));
      else if (values.csv) io.out(registerCsv(entries).trimEnd());
      else if (total === 0)
        io.out(
          values.search !== undefined || state
            ? 'No certificate in the register matches.'
            : 'The register is empty. Add certificates with "copanel register import".',
        );
      else {
        for (const entry of entries) io.out(entryLine(entry));
        if (entries.length < total)
          io.out(`(${entries.length} of ${total} shown, from number ${offset + 1}; use --offset for more.)`);
      }
      return EXIT_OK;
    });
  },
};

const EVENT_KINDS = REGISTER_EVENT_KINDS;

export const registerRecordCommand: Command = {
  name: 'register record',
  summary:
    'record what happened to a certificate: revoked, suspended, reinstated, superseded, interim review done',
  usage: [
    'Usage: copanel register record <file.copanel-scheme> <certificate-number> --event KIND --by NAME',
    '       [--reason TEXT] [--superseded-by NUMBER] [--on YYYY-MM-DD] [--passphrase-file FILE]',
    '',
    `KIND is one of ${EVENT_KINDS.join(', ')}. Withdrawing (revoked) or suspending needs --reason.`,
    'Then publish a new revocation list with "copanel register revocations".',
    SECRETS_HELP,
  ].join('\n'),
  async run(io) {
    const { values, positionals } = commandArgs(
      io,
      {
        ...SCHEME_FILE_OPTIONS,
        event: { type: 'string' },
        by: { type: 'string' },
        reason: { type: 'string' },
        'superseded-by': { type: 'string' },
        on: { type: 'string' },
      },
      { positionals: { count: 2, refusal: 'name the scheme file and one certificate number.' } },
    );
    const kind = EVENT_KINDS.find((k) => k === values.event);
    if (!kind) throw new UsageError(`give --event as one of ${EVENT_KINDS.join(', ')}.`);
    if (!values.by) throw new UsageError(NEED_BY);
    const now = new Date();
    return withScheme(io, positionals[0], values['passphrase-file'], false, async (scheme) => {
      const entry = await recordRegisterEvent(scheme, {
        certificateNumber: positionals[1]!,
        kind,
        onDate: values.on ?? londonDate(now),
        ...(values.reason !== undefined ? { reason: values.reason } : {}),
        ...(values['superseded-by'] !== undefined ? { supersededBy: values['superseded-by'] } : {}),
        actor: values.by!,
        now,
      });
      io.out(entryLine(entry));
      return EXIT_OK;
    });
  },
};

/** The scheme root (--root DIR) and its passphrase. */
function rootOf(
  io: CommandIo,
  values: { root?: string | undefined; 'root-passphrase-file'?: string | undefined },
) {
  if (!values.root) throw new UsageError(NEED_ROOT);
  const root = readSchemeRoot(resolve(values.root));
  return { root, passphrase: schemePassphrase(io, values['root-passphrase-file']) };
}

const ROOT_OPTIONS = {
  ...SCHEME_FILE_OPTIONS,
  root: { type: 'string' },
  'root-passphrase-file': { type: 'string' },
  out: { type: 'string' },
  at: { type: 'string' },
} as const;

/**
 * What the commands signing with the scheme root share: the root options, where to write (--out),
 * the root and its passphrase, the day, and the open scheme file.
 */
function withSchemeRoot(
  io: CommandIo,
  whereTo: string,
  run: (job: {
    scheme: SchemeFile;
    root: ReturnType<typeof readSchemeRoot>;
    passphrase: string;
    now: Date;
    out: string;
    /** What follows the scheme file on the command line. */
    rest: string[];
  }) => Promise<number>,
): Promise<number> {
  const { values, positionals } = commandArgs(io, ROOT_OPTIONS);
  if (!values.out) throw new UsageError(`say where to write ${whereTo}.`);
  const { root, passphrase } = rootOf(io, values);
  const now = clock(values.at);
  const out = resolve(values.out);
  return withScheme(io, positionals[0], values['passphrase-file'], true, (scheme) =>
    run({ scheme, root, passphrase, now, out, rest: positionals.slice(1) }),
  );
}

export const registerRevocationsCommand: Command = {
  name: 'register revocations',
  summary: 'write the scheme’s signed revocation list from the register',
  usage: [
    'Usage: copanel register revocations <file.copanel-scheme> --root DIR --out FILE [--root-passphrase-file FILE] [--passphrase-file FILE]',
    '',
    'Lists every certificate withdrawn, superseded or suspended, signed by the scheme root, in the format',
    '"copanel verify --revocations" reads. Publish FILE where certificates are checked.',
    SECRETS_HELP,
  ].join('\n'),
  run(io) {
    return withSchemeRoot(io, 'the list with --out FILE', async ({ scheme, root, passphrase, now, out }) => {
      const list = await registerRevocationList(scheme, root, passphrase, now);
      writeFileSync(out, list.pem);
      io.out(`Wrote ${out}: ${list.listed} certificate(s) listed, signed by ${root.name}.`);
      return EXIT_OK;
    });
  },
};

export const registerExportCommand: Command = {
  name: 'register export',
  summary:
    'export the register signed by the scheme root (JSON with CMS and JWS signatures), as CSV and as a printable PDF',
  usage: [
    'Usage: copanel register export <file.copanel-scheme> --root DIR --out DIR [--root-passphrase-file FILE] [--passphrase-file FILE]',
    '',
    'Writes register.json, its detached signatures register.json.p7s (CMS) and register.json.jws (JWS),',
    'register.csv and register.pdf (a printable list). Commissioners check it with "copanel register verify register.json --trust scheme-root.pem".',
    SECRETS_HELP,
  ].join('\n'),
  run(io) {
    return withSchemeRoot(
      io,
      'the register with --out DIR',
      async ({ scheme, root, passphrase, now, out }) => {
        const exported = await exportRegister(scheme, root, passphrase, now);
        mkdirSync(out, { recursive: true });
        for (const file of exported.files) writeFileSync(join(out, file.fileName), file.bytes);
        io.out(`Wrote the register of ${exported.entries} certificate(s) to ${out}, signed by ${root.name}.`);
        return EXIT_OK;
      },
    );
  },
};

export const registerVerifyCommand: Command = {
  name: 'register verify',
  summary:
    'check that a register file, or an Open Badges credential, was signed by the scheme root and is unchanged (offline)',
  usage: [
    'Usage: copanel register verify <register.json> --trust ROOT.pem [--signature register.json.p7s] [--json]',
    '       copanel register verify <badge.jwt> --trust ROOT.pem [--register register.json] [--at YYYY-MM-DD] [--json]',
    '',
    'A register: the signature (default: the file’s name with .p7s added) must be the trusted scheme root’s, over',
    'exactly these bytes. An Open Badges 3.0 credential (from "copanel register badge"): its signature must be the',
    'trusted root’s and it must be within its dates (today, or --at); with --register (itself checked against the',
    'same root) the certificate must be in the register and in force.',
    'Exit code 0 when genuine, 1 when not.',
  ].join('\n'),
  async run(io) {
    const { values, positionals } = commandArgs(
      io,
      {
        trust: { type: 'string' },
        signature: { type: 'string' },
        register: { type: 'string' },
        at: { type: 'string' },
        json: { type: 'boolean' },
      },
      {
        positionals: { count: 1, refusal: 'name one register file or badge.' },
        required: { trust: NEED_TRUST },
      },
    );
    const file = positionals[0]!;
    const trustedRoots = trustedRootsIn(values.trust!);
    const bytes = readInput(file, 'register or badge');
    if (looksLikeBadge(bytes)) {
      const register = values.register
        ? verifiedRegisterFile(values.register, undefined, trustedRoots).register
        : undefined;
      const badge = verifyBadge(bytes, trustedRoots, {
        now: clock(values.at),
        ...(register ? { register } : {}),
      });
      if (values.json) io.out(JSON.stringify({ valid: true, ...badge }, null, 2));
      else
        io.out(
          `VALID: an Open Badges 3.0 credential issued by ${badge.issuer}: ${badge.organisation} holds the ${badge.achievement} (certificate ${badge.certificateNumber}), valid from ${badge.validFrom} until ${badge.validUntil}.` +
            (badge.registerStatus ? ` The scheme’s register says: ${badge.registerStatus}` : ''),
        );
      return EXIT_OK;
    }
    const { register, root } = verifiedRegisterFile(file, values.signature, trustedRoots, bytes);
    if (values.json) io.out(JSON.stringify({ valid: true, ...register }, null, 2));
    else {
      io.out(
        `VALID: the register of ${register.scheme.name} as of ${register.asOf} (${register.entries.length} certificate(s)) was signed by ${root.commonName} and is unchanged.`,
      );
      for (const entry of register.entries) io.out(entryLine(entry));
    }
    return EXIT_OK;
  },
};

/** A signed register file checked against the trusted roots (its signature beside it unless named). */
function verifiedRegisterFile(
  file: string,
  signature: string | undefined,
  trustedRoots: ReturnType<typeof trustedRootsIn>,
  bytes?: Buffer,
) {
  return verifySignedRegister(
    bytes ?? readInput(file, 'register'),
    readRegisterSignature(file, signature),
    trustedRoots,
  );
}

export const registerBadgeCommand: Command = {
  name: 'register badge',
  summary: 'export a certificate in the register as an Open Badges 3.0 credential signed by the scheme root',
  usage: [
    'Usage: copanel register badge <file.copanel-scheme> <certificate-number> --root DIR --out FILE',
    '       [--root-passphrase-file FILE] [--passphrase-file FILE] [--at YYYY-MM-DD]',
    '',
    'Writes a W3C Verifiable Credential of type OpenBadgeCredential (Open Badges 3.0), signed as a JWT (ES256) with',
    'the scheme root’s key, that the organisation can put on its website. Anyone checks it with',
    '"copanel register verify FILE --trust scheme-root.pem". Only a certificate in force is exported.',
    SECRETS_HELP,
  ].join('\n'),
  run(io) {
    return withSchemeRoot(
      io,
      'the badge with --out FILE',
      async ({ scheme, root, passphrase, now, out, rest }) => {
        const [number] = rest;
        if (!number || rest.length !== 1)
          throw new UsageError('name the scheme file and one certificate number.');
        const entry = await registerEntry(scheme, number, londonDate(now));
        if (!STILL_GOOD.has(entry.status.state))
          throw new UserFacingError(
            'CERTIFICATE_NOT_IN_FORCE',
            `certificate ${entry.certificateNumber} is not in force: ${entry.status.words}`,
          );
        writeFileSync(out, `${await signBadge(entry, root, passphrase, now)}\n`);
        io.out(
          `Wrote ${out}: the Open Badges 3.0 credential for ${entry.organisation}, Level ${entry.level} (certificate ${entry.certificateNumber}), signed by ${root.name}.`,
        );
        return EXIT_OK;
      },
    );
  },
};

export const registerPublishCommand: Command = {
  name: 'register publish',
  summary:
    'write a static verification site: the signed register, the revocation list and a page that checks QR codes',
  usage: [
    'Usage: copanel register publish <file.copanel-scheme> --root DIR --out DIR [--root-passphrase-file FILE] [--passphrase-file FILE]',
    '',
    'Writes index.html, verify.js, style.css, the signed register, the revocation list and the scheme root’s',
    'public key to DIR: host it anywhere as plain files (no server code; nothing is fetched from elsewhere).',
    'A certificate’s QR link opens the page, which checks the QR code’s signature in the browser and shows',
    'the certificate’s status from the signed register.',
    SECRETS_HELP,
  ].join('\n'),
  run(io) {
    return withSchemeRoot(io, 'the site with --out DIR', async ({ scheme, root, passphrase, now, out }) => {
      const register = await publishedRegister(scheme, root, now);
      const signed = await signRegister(register, root, passphrase);
      const revocations = await registerRevocationList(scheme, root, passphrase, now);
      const written = await publishRegisterSite(out, { root, signed, revocationListPem: revocations.pem });
      io.out(`Wrote the verification site to ${out} (${written.length} files): host it as plain files.`);
      return EXIT_OK;
    });
  },
};

export const registerDueCommand: Command = {
  name: 'register due',
  summary:
    'list interim reviews, conditions and renewals due soon (and overdue), with an optional calendar file',
  usage: [
    'Usage: copanel register due <file.copanel-scheme> [--within DAYS] [--at YYYY-MM-DD] [--ics FILE] [--passphrase-file FILE]',
    '',
    'Sorted by date, for certificates still in force; --within defaults to 90 days. --ics writes the list as a',
    'calendar file (iCalendar) to import into a calendar program.',
    SECRETS_HELP,
  ].join('\n'),
  async run(io) {
    const { values, positionals } = commandArgs(io, {
      ...SCHEME_FILE_OPTIONS,
      within: { type: 'string' },
      at: { type: 'string' },
      ics: { type: 'string' },
    });
    const within = values.within === undefined ? 90 : Number(values.within);
    if (!Number.isInteger(within) || within < 0 || within > 3660)
      throw new UsageError('give --within as a number of days, such as 90.');
    const now = clock(values.at);
    const today = londonDate(now);
    return withScheme(io, positionals[0], values['passphrase-file'], true, async (scheme) => {
      const reminders = dueSoon(await listRegister(scheme, today), today, within);
      if (reminders.length === 0) io.out(`Nothing is due in the next ${within} days.`);
      for (const reminder of reminders)
        io.out(`${reminder.dueOn}${reminder.overdue ? ' (overdue)' : ''}  ${reminder.what}`);
      if (values.ics) {
        writeFileSync(resolve(values.ics), remindersIcs(reminders, (await scheme.details()).schemeName, now));
        io.out(`Wrote ${reminders.length} reminder(s) to ${resolve(values.ics)}.`);
      }
      return EXIT_OK;
    });
  },
};

export const registerMergeCommand: Command = {
  name: 'register merge',
  summary: 'add another scheme office’s signed register to this one (checked against that office’s root)',
  usage: [
    'Usage: copanel register merge <file.copanel-scheme> <register.json> --trust OTHER_ROOT.pem --by NAME',
    '       [--signature register.json.p7s] [--passphrase-file FILE]',
    '',
    'The register must be signed by the other office’s root, which you trust for this merge with --trust, and be',
    'unchanged since. Its certificates are added, each once by number. One already here with different facts is',
    'listed as a conflict and left as it is: nothing is overwritten. Exit code 0 when nothing conflicts, 1 otherwise.',
    SECRETS_HELP,
  ].join('\n'),
  async run(io) {
    const { values, positionals } = commandArgs(
      io,
      {
        ...SCHEME_FILE_OPTIONS,
        trust: { type: 'string' },
        signature: { type: 'string' },
        by: { type: 'string' },
      },
      {
        positionals: { count: 2, refusal: 'name the scheme file and the register file to merge.' },
        required: {
          trust: 'give the other scheme office’s root certificate with --trust ROOT.pem.',
          by: NEED_BY,
        },
      },
    );
    const file = positionals[1]!;
    const json = readInput(file, 'register');
    const signature = readRegisterSignature(file, values.signature);
    const trustedRoots = trustedRootsIn(values.trust!);
    return withScheme(io, positionals[0], values['passphrase-file'], false, async (scheme) => {
      const merged = await mergeRegister(scheme, {
        json,
        signature,
        trustedRoots,
        actor: values.by!,
        now: new Date(),
      });
      io.out(
        `Merged the register of ${merged.from} as of ${merged.asOf}: ${merged.added} certificate(s) added, ${merged.alreadyHere} already here, ${merged.conflicts.length} conflict(s).`,
      );
      for (const conflict of merged.conflicts)
        io.out(
          `CONFLICT ${conflict.certificateNumber} (left as it is here): ${conflict.differences.join('; ')}`,
        );
      return merged.conflicts.length === 0 ? EXIT_OK : 1;
    });
  },
};
