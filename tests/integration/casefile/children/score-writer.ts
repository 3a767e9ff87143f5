/**
 * Child process for the crash test: writes scores one transaction at a time, as fast as it can,
 * printing each transaction's number only after it has committed. The parent kills it with SIGKILL.
 *   node --import tsx score-writer.ts <path> <passphrase>
 */
import { writeSync } from 'node:fs';
import { openCaseFile } from '../support';
import { leadAndScoresSoFar, saveScore } from './scoring';

const [path, passphrase] = process.argv.slice(2);
const caseFile = await openCaseFile({ path: path!, passphrase: passphrase! });
const { lead, scores } = await leadAndScoresSoFar(caseFile);
writeSync(1, 'ready\n');

for (let n = scores + 1; ; n += 1) {
  // Every few transactions write a long rationale, so a kill often lands in the middle of a commit.
  const rationale =
    n % 3 === 0 ? `Score ${n}: `.padEnd(20_000 + (n % 7) * 9_000, 'evidence seen. ') : `Score ${n}`;
  await saveScore(caseFile, lead, n, { rationale, markSheet: true });
  writeSync(1, `${n}\n`);
}
