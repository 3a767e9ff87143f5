/**
 * Child process for the group-commit crash test: keeps several saves in flight at once (as many
 * members saving through the panel room do), so they are written together, and prints each one's
 * number only once its caller has been told it is saved. The parent kills it with SIGKILL.
 *   node --import tsx group-writer.ts <path> <passphrase> <in flight>
 */
import { writeSync } from 'node:fs';
import { openCaseFile } from '../support';
import { leadAndScoresSoFar, saveScore } from './scoring';

const [path, passphrase, inFlight] = process.argv.slice(2);
const caseFile = await openCaseFile({ path: path!, passphrase: passphrase! });
const { lead, scores } = await leadAndScoresSoFar(caseFile);
writeSync(1, 'ready\n');

let next = scores + 1;
async function saveOneAfterAnother(): Promise<never> {
  for (;;) {
    const n = next++;
    await saveScore(caseFile, lead, n, {
      rationale: n % 5 === 0 ? `Score ${n}: `.padEnd(30_000, 'seen. ') : `Score ${n}`,
    });
    writeSync(1, `${n}\n`);
  }
}
await Promise.all(Array.from({ length: Number(inFlight) }, () => saveOneAfterAnother()));
