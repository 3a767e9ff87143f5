#!/usr/bin/env node
// The `copanel` command. Runs the prebuilt JavaScript in out/cli (built by `npm ci`/`npm install`,
// or here the first time it is missing; `npm run copanel` also rebuilds it when the sources changed).
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/copanel.mjs', import.meta.url);
if (!existsSync(built)) {
  const { ensureCliBuilt } = await import('../scripts/build-cli.mjs');
  await ensureCliBuilt();
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2));
