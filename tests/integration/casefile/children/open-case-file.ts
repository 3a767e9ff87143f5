/**
 * Child process for the lock tests: tries to open a case file and prints one JSON line with the
 * result. With --hold it keeps the file open until it reads a line on stdin (or --hold-ms passes).
 *   node --import tsx open-case-file.ts <path> <passphrase> [--read-only] [--hold] [--hold-ms=N]
 */
import { createInterface } from 'node:readline';
import { openCaseFile } from '../support';

const [path, passphrase, ...flags] = process.argv.slice(2);
const readOnly = flags.includes('--read-only');
const hold = flags.includes('--hold');
const holdMs = Number(flags.find((flag) => flag.startsWith('--hold-ms='))?.split('=')[1] ?? 0);

try {
  const caseFile = await openCaseFile({ path: path!, passphrase: passphrase!, readOnly });
  console.log(JSON.stringify({ ok: true, pid: process.pid, caseId: caseFile.caseId }));
  if (hold) {
    const lines = createInterface({ input: process.stdin });
    await new Promise<void>((resolve) => lines.once('line', () => resolve()));
    lines.close();
    process.stdin.destroy();
  }
  if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
  await caseFile.close();
} catch (error) {
  const { code, message } = error as { code?: string; message?: string };
  console.log(JSON.stringify({ ok: false, code, message }));
}
