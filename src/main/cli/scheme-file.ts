import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { nodeRuntime } from '../runtime';
import { createSchemeFile, openSchemeFile, type SchemeFile } from '../scheme';
import { requireOne } from './arguments';
import { EXIT_FAILED, EXIT_OK, UsageError, type Command, type CommandIo } from './command';
import { readSecret } from './secrets';

/** `copanel scheme-file …`: the scheme office's encrypted file (src/main/scheme). */

const PASSPHRASE_HELP =
  'The scheme file’s passphrase comes from --passphrase-file FILE or the COPANEL_SCHEME_FILE_PASSPHRASE environment variable, never the command line.';

export function schemeFilePassphrase(io: CommandIo, file: string | undefined): string {
  return readSecret({
    file,
    env: io.env,
    envName: 'COPANEL_SCHEME_FILE_PASSPHRASE',
    what: 'scheme file passphrase',
  });
}

function oneSchemeFile(positionals: string[]): string {
  return resolve(requireOne(positionals, 'scheme file'));
}

/** Opens the scheme file at `path` (read-only unless told otherwise), runs `work`, and closes it. */
export async function withSchemeFile<T>(
  io: CommandIo,
  args: { path: string; passphraseFile: string | undefined; readOnly?: boolean },
  work: (scheme: SchemeFile) => Promise<T>,
): Promise<T> {
  const scheme = await openSchemeFile({
    path: args.path,
    passphrase: schemeFilePassphrase(io, args.passphraseFile),
    readOnly: args.readOnly ?? true,
    appVersion: nodeRuntime('cli').version,
  });
  try {
    return await work(scheme);
  } finally {
    await scheme.close();
  }
}

export const schemeFileCreateCommand: Command = {
  name: 'scheme-file create',
  summary: 'create the scheme office’s encrypted scheme file',
  usage: [
    'Usage: copanel scheme-file create <file.copanel-scheme> --name SCHEME --by YOUR-NAME [--passphrase-file FILE]',
    '',
    'Creates a new encrypted scheme file: the assessor directory, training, calibration and fees.',
    PASSPHRASE_HELP,
  ].join('\n'),
  async run(io) {
    const { values, positionals } = parseArgs({
      args: io.args,
      allowPositionals: true,
      options: { name: { type: 'string' }, by: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    });
    const path = oneSchemeFile(positionals);
    if (!values.name) throw new UsageError('give the scheme’s name with --name.');
    if (!values.by) throw new UsageError('give your name with --by, to record who created the scheme file.');
    const scheme = await createSchemeFile({
      path,
      schemeName: values.name,
      createdBy: values.by,
      passphrase: schemeFilePassphrase(io, values['passphrase-file']),
      appVersion: nodeRuntime('cli').version,
    });
    const details = await scheme.details();
    await scheme.close();
    io.out(`Created ${details.path}`);
    io.out(`Scheme ${details.schemeId}: ${details.schemeName}.`);
    return EXIT_OK;
  },
};

export const schemeFileInfoCommand: Command = {
  name: 'scheme-file info',
  summary: 'show what a scheme file is and what it holds',
  usage: `Usage: copanel scheme-file info <file.copanel-scheme> [--passphrase-file FILE] [--json]\n\n${PASSPHRASE_HELP}`,
  async run(io) {
    const { values, positionals } = parseArgs({
      args: io.args,
      allowPositionals: true,
      options: { 'passphrase-file': { type: 'string' }, json: { type: 'boolean' } },
    });
    const path = oneSchemeFile(positionals);
    return withSchemeFile(io, { path, passphraseFile: values['passphrase-file'] }, async (scheme) => {
      const details = await scheme.details();
      const assessors = await scheme.db
        .selectFrom('assessor')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      if (values.json) {
        io.out(JSON.stringify({ ...details, assessors: Number(assessors.count) }, null, 2));
        return EXIT_OK;
      }
      io.out(`Scheme: ${details.schemeName}`);
      io.out(
        `Scheme id: ${details.schemeId}, created ${details.createdAt} (version ${details.createdByAppVersion})`,
      );
      io.out(`Layout version: ${details.schemaVersion}; record of changes: ${details.auditEntries} entries`);
      io.out(`Assessors in the directory: ${Number(assessors.count)}`);
      return EXIT_OK;
    });
  },
};

export const schemeFileVerifyAuditCommand: Command = {
  name: 'scheme-file verify-audit',
  summary: 'check that a scheme file’s record of changes has not been altered',
  usage: [
    'Usage: copanel scheme-file verify-audit <file.copanel-scheme> [--passphrase-file FILE]',
    '',
    PASSPHRASE_HELP,
    'Exit code 0 when the record is intact, 1 when it was altered.',
  ].join('\n'),
  async run(io) {
    const { values, positionals } = parseArgs({
      args: io.args,
      allowPositionals: true,
      options: { 'passphrase-file': { type: 'string' } },
    });
    const path = oneSchemeFile(positionals);
    return withSchemeFile(io, { path, passphraseFile: values['passphrase-file'] }, async (scheme) => {
      const result = await scheme.verifyAuditChain();
      if (!result.ok) {
        io.err(`The record of changes has been altered at entry ${result.brokenAtSeq}: ${result.reason}`);
        return EXIT_FAILED;
      }
      io.out(`The record of changes is intact: all ${result.entries} entries check out.`);
      return EXIT_OK;
    });
  },
};
