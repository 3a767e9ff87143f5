#!/usr/bin/env node
// The `copanel` command. Runs the TypeScript sources under Node through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
