import { detailInWords, UserFacingError } from '../../shared/errors';
import { logInternalError } from '../error-log';
import { defaultUserDataDir } from '../runtime';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type Command, type CommandIo } from './command';

/**
 * Runs one command with its own arguments: its usage for --help, and every error turned into a
 * plain message and an exit code (2 for a usage mistake, 1 otherwise; a bug's details go to the
 * error log, never to the screen). `main` uses it for every command; the prebuilt verify bundle
 * (prebuilt-verify.ts) carries its own copy, so its errors are its own classes.
 */
export async function runCommand(command: Command, io: CommandIo): Promise<number> {
  const { args, err } = io;
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.usage);
    return EXIT_OK;
  }
  try {
    return await command.run(io);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`copanel ${command.name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    if (error instanceof UserFacingError) {
      err(`copanel ${command.name}: ${error.message}`);
      for (const detail of error.details ?? []) err(`  - ${detailInWords(detail)}`);
      return EXIT_FAILED;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      err(`copanel ${command.name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    const log = logInternalError(defaultUserDataDir(io.env), `copanel ${command.name} failed`, error);
    err(
      `copanel ${command.name}: something went wrong inside copanel, and nothing more was done.${log ? ` The details are in ${log}; send them to the scheme team.` : ''}`,
    );
    return EXIT_FAILED;
  }
}
