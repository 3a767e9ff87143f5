import type { ESLint } from 'eslint';

/** The architecture rules (eslint/architecture.js): layers, no-deep-import, no-cycle. */
declare const architecture: ESLint.Plugin;
export default architecture;
