// Module hooks for record-modules.mjs (they run on the loader's own thread).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const file = process.env.COPANEL_RECORD_MODULES;
  if (file) appendFileSync(file, `${resolved.url}\n`);
  return resolved;
}
