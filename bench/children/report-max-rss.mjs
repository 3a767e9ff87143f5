// Preloaded (node --import) into a process the CLI bench starts: at exit, writes the process's
// peak resident memory (getrusage maxRSS, bytes) to file descriptor 3, which the bench reads.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(3, String(process.resourceUsage().maxRSS * 1024));
});
