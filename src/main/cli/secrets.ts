import { readFileSync } from 'node:fs';
import { UsageError, type CommandIo } from './command';

/**
 * A passphrase or password for the CLI. Never a command-line argument (it would show in the
 * process list and shell history): from a file named by an option, or an environment variable.
 */
export function readSecret(options: {
  file?: string | undefined;
  env: NodeJS.ProcessEnv;
  envName: string;
  what: string;
  /** The option that names the file, for the message when neither is given. */
  fileOption?: string;
}): string {
  if (options.file) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch {
      throw new UsageError(`could not read the ${options.what} from “${options.file}”.`);
    }
    const secret = text.replace(/\r?\n$/, '');
    if (!secret)
      throw new UsageError(`the file “${options.file}” is empty; it should hold the ${options.what}.`);
    return secret;
  }
  const fromEnv = options.env[options.envName];
  if (fromEnv) return fromEnv;
  throw new UsageError(
    `give the ${options.what} in a file (${options.fileOption ?? '--passphrase-file'} FILE) or in the ${options.envName} environment variable.`,
  );
}

export const CASE_PASSPHRASE_HELP =
  'The passphrase comes from --passphrase-file FILE or the COPANEL_PASSPHRASE environment variable, never the command line.';

/** A case file's passphrase: from the file named by `fileOption` (--passphrase-file by default) or COPANEL_PASSPHRASE. */
export function casePassphrase(io: CommandIo, file: string | undefined, fileOption?: string): string {
  return readSecret({
    file,
    env: io.env,
    envName: 'COPANEL_PASSPHRASE',
    what: 'case file passphrase',
    ...(fileOption ? { fileOption } : {}),
  });
}
