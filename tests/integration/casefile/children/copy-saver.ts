/**
 * Child process for the leftovers test: saves copies of a case file into a folder, one after
 * another (copy-1.copanel, copy-2.copanel…), until the parent kills it.
 *   node --import tsx copy-saver.ts <path> <passphrase> <destination folder>
 */
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { openCaseFile } from '../support';

const [path, passphrase, folder] = process.argv.slice(2) as [string, string, string];
const caseFile = await openCaseFile({ path, passphrase });
writeSync(1, 'ready\n');
for (let n = 1; ; n += 1) {
  await caseFile.saveCopyAs(join(folder, `copy-${n}.copanel`), { actor: 'lead' });
  writeSync(1, `saved ${n}\n`);
}
