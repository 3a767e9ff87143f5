/** What a CLI command gets: its own arguments and places to write. */
export interface CommandIo {
  args: string[];
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  name: string;
  /** One line for `copanel --help`. */
  summary: string;
  usage: string;
  /** Returns the exit code: 0 success, 1 a check failed, 2 a usage error. */
  run(io: CommandIo): Promise<number>;
}

/** A mistake in how the command was typed: exit code 2 with a message and the usage. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
