import type { CommandIo } from './command';
import { runCommand } from './run-command';
import { verifyCommand } from './verify';

/**
 * The entry of out/cli/verify.cjs, the bundle the built `copanel verify` runs from (prebuilt.ts):
 * the same command, run the same way as every other, in one script with everything it needs.
 */
export function run(io: CommandIo): Promise<number> {
  return runCommand(verifyCommand, io);
}
