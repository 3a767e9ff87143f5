import { nodeRuntime } from '../runtime';
import { EXIT_OK, EXIT_USAGE, type CommandIo } from './command';
import { commands, prebuiltServes, type CommandEntry } from './commands';
import type { PrebuiltBundle } from './prebuilt';
import { runCommand } from './run-command';

/** Where one `copanel` invocation writes, and (the installed command) where its prebuilt bundles are. */
export interface MainIo extends Omit<CommandIo, 'args'> {
  /**
   * out/cli, where the build put the bundles of the commands that run from one (verify). Given by
   * bin/copanel.mjs; without it (tests calling `main` from the sources) every command loads as modules.
   */
  prebuiltDir: string;
}

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
export async function main(args: string[], io: Partial<MainIo> = {}): Promise<number> {
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
  const { entry, rest } = found;
  const commandIo = { args: rest, out, err, env };
  const runAsModules = async () => runCommand(await entry.load(), commandIo);
  // The loader (and the V8 and crypto modules it needs) loads only for a command that has a bundle.
  return prebuiltServes(entry, rest) && io.prebuiltDir
    ? (await import('./prebuilt')).runPrebuilt(io.prebuiltDir, entry.prebuilt, commandIo, runAsModules)
    : runAsModules();
}

/** Primes a prebuilt bundle's code cache where it will run (scripts/build-cli.mjs, at build time). */
export async function primeCodeCache(dir: string, bundle: PrebuiltBundle): Promise<void> {
  (await import('./prebuilt')).primeCodeCache(dir, bundle);
}
