#!/usr/bin/env node
// The `copanel` command. Runs the prebuilt JavaScript in out/cli (built by `npm ci`/`npm install`,
// or here the first time it is missing; `npm run copanel` also rebuilds it when the sources changed).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A reader that stops early (`copanel verify … | head`) closes the pipe: stop quietly, as other
// commands do, instead of printing a stack trace about EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const prebuiltDir = new URL('../out/cli/', import.meta.url);
const built = new URL('copanel.mjs', prebuiltDir);
if (!existsSync(built)) {
  const { ensureCliBuilt } = await import('../scripts/build-cli.mjs');
  await ensureCliBuilt();
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2), { prebuiltDir: fileURLToPath(prebuiltDir) });
