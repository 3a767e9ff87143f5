// Preloaded with `node --import` by tests that check which modules a command loads: every module
// the process resolves is appended, one URL a line, to the file named in COPANEL_RECORD_MODULES.
import { register } from 'node:module';

register('./record-modules-hooks.mjs', import.meta.url);
