import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CommandIo } from './command';

/**
 * A command's arguments, parsed the same way for every command: its options, the positionals it
 * needs (how many, and what to say when they are not), and the options it cannot do without (each
 * with what to say), refused in that order. Refusals are UsageErrors, printed with the command's usage.
 */
export function commandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  io: CommandIo,
  options: O,
  needs: {
    positionals?: { count: number; refusal: string };
    required?: Partial<Record<keyof O, string>>;
  } = {},
) {
  const parsed = parseArgs<{ args: string[]; allowPositionals: true; options: O }>({
    args: io.args,
    allowPositionals: true,
    options,
  });
  if (needs.positionals && parsed.positionals.length !== needs.positionals.count)
    throw new UsageError(needs.positionals.refusal);
  const given = parsed.values as Record<string, unknown>;
  for (const [option, refusal] of Object.entries(needs.required ?? {}))
    if (!given[option]) throw new UsageError(refusal as string);
  return parsed;
}

/** A file the command was given (`what` names it in the refusal when it cannot be read). */
export function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(resolve(path));
  } catch {
    throw new UsageError(`could not read the ${what} “${path}”.`);
  }
}

/** The one file a command works on, named as its only positional (`what` names it in the refusal). */
export function requireOne(positionals: string[], what: string): string {
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`name one ${what}.`);
  return positionals[0];
}
