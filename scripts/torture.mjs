// `npm run torture`: the crash tests at full strength (issue 17). At least 200 SIGKILLs at random
// moments while a case file's passphrase keeps changing, and as many while scores are being saved;
// `npm test` runs the same tests with 16 kills each. COPANEL_TORTURE_KILLS=N changes the count.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { appRoot } from './build-renderer.mjs';

const kills = process.env.COPANEL_TORTURE_KILLS ?? '200';
console.log(`Crash tests with ${kills} kills each (about 1–2 seconds per kill on a 2-core machine).`);
const result = spawnSync(
  process.execPath,
  [
    join(appRoot, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--no-file-parallelism',
    'tests/integration/casefile/passphrase-crash.test.ts',
    'tests/integration/casefile/crash.test.ts',
  ],
  { cwd: appRoot, stdio: 'inherit', env: { ...process.env, COPANEL_TORTURE_KILLS: kills } },
);
process.exit(result.status ?? 1);
