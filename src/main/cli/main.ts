import { detailInWords, UserFacingError } from '../../shared/errors';
import { logInternalError } from '../error-log';
import { defaultUserDataDir, nodeRuntime } from '../runtime';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type Command, type CommandIo } from './command';
import { commands, type CommandEntry } from './commands';

/** The help lists every command's summary, so it loads them all; a command on its own loads only itself. */
async function helpText(): Promise<string> {
  const loaded = await Promise.all(commands.map((entry) => entry.load()));
  const width = Math.max(...loaded.map((c) => c.name.length));
  return [
    'copanel — Coproduction Panel from the command line',
    '',
    'Usage: copanel <command> [options]',
    '',
    'Commands:',
    ...loaded.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --help      show this help (or `copanel <command> --help`)',
    '  --version   show the version',
  ].join('\n');
}

function findCommand(args: string[]): { entry: CommandEntry; rest: string[] } | undefined {
  // Longest match first, so "case create" wins over "case".
  for (const entry of [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)) {
    const words = entry.name.split(' ');
    if (words.every((word, i) => args[i] === word)) return { entry, rest: args.slice(words.length) };
  }
  return undefined;
}

/** Runs one `copanel` invocation and returns its exit code. */
export async function main(args: string[], io: Partial<Omit<CommandIo, 'args'>> = {}): Promise<number> {
  const out = io.out ?? ((text: string) => process.stdout.write(text + '\n'));
  const err = io.err ?? ((text: string) => process.stderr.write(text + '\n'));
  const env = io.env ?? process.env;
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    out(await helpText());
    return args.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  if (args[0] === '--version' || args[0] === '-v') {
    out(nodeRuntime('cli').version);
    return EXIT_OK;
  }
  const found = findCommand(args);
  if (!found) {
    err(`copanel: "${args.join(' ')}" is not a command I know.\n\n${await helpText()}`);
    return EXIT_USAGE;
  }
  const { rest } = found;
  const command: Command = await found.entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    out(command.usage);
    return EXIT_OK;
  }
  try {
    return await command.run({ args: rest, out, err, env });
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
    const log = logInternalError(defaultUserDataDir(env), `copanel ${command.name} failed`, error);
    err(
      `copanel ${command.name}: something went wrong inside copanel, and nothing more was done.${log ? ` The details are in ${log}; send them to the scheme team.` : ''}`,
    );
    return EXIT_FAILED;
  }
}
