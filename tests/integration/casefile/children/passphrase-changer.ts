/**
 * Child process for the passphrase-change kill test: opens the case file with the passphrase it is
 * told works, then, as fast as it can, saves a score and changes the passphrase to the other one,
 * over and over. It reports each step only after it has finished:
 *   `row N` once score N is committed; `key A` / `key B` once the change to A / B has finished.
 * The parent kills it with SIGKILL at a random moment.
 *   node --import tsx passphrase-changer.ts <path> <passphrase A> <passphrase B> <A|B: the one that opens it now>
 */
import { writeSync } from 'node:fs';
import { openCaseFile } from '../support';
import { leadAndScoresSoFar, saveScore } from './scoring';

const [path, a, b, opensWith] = process.argv.slice(2) as [string, string, string, 'A' | 'B'];
let current = opensWith === 'A' ? a : b;
let other = opensWith === 'A' ? b : a;
const caseFile = await openCaseFile({ path, passphrase: current });
const { lead, scores } = await leadAndScoresSoFar(caseFile);
writeSync(1, 'ready\n');

for (let n = scores + 1; ; n += 1) {
  await saveScore(caseFile, lead, n);
  writeSync(1, `row ${n}\n`);
  await caseFile.changePassphrase(current, other, lead.id);
  [current, other] = [other, current];
  writeSync(1, `key ${current === a ? 'A' : 'B'}\n`);
}
