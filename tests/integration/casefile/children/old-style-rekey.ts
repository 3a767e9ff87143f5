/**
 * Child process that changes a case file's passphrase the way the app did before issue 17: in
 * place, with SQLite3 Multiple Ciphers' rekey, in one journaled transaction. A kill while its
 * journal is live leaves a file that neither passphrase opens; the tests use this to build that
 * state for real. (The app itself no longer changes a passphrase in place.)
 *   node --import tsx old-style-rekey.ts <path> <old passphrase> <new passphrase>
 */
import { writeSync } from 'node:fs';
import { openSqlite, unlockWithPassphrase } from '../../../../src/main/casefile';

const [path, oldPassphrase, newPassphrase] = process.argv.slice(2) as [string, string, string];
const db = openSqlite(path, { fileMustExist: true });
unlockWithPassphrase(db, oldPassphrase);
db.pragma('journal_mode = DELETE');
db.pragma('synchronous = FULL');
db.prepare('select count(*) from sqlite_master').get();
writeSync(1, 'ready\n');
db.pragma("cipher = 'sqlcipher'");
db.pragma('legacy = 4');
db.rekey(Buffer.from(newPassphrase, 'utf8'));
writeSync(1, 'done\n');
db.close();
