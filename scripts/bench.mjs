// `npm run bench`: the benchmarks in bench/ (issue 7). TypeScript runs through tsx, as in `npm run web`.
import { register } from 'tsx/esm/api';

register();
await import('../bench/main.ts');
