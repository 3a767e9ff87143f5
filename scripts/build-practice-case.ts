/**
 * Rebuilds resources/practice/practice-case.json, the bundled fictional practice case, through the
 * app's own API (src/main/demo/practice-case.ts). Run: npx tsx scripts/build-practice-case.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPracticeCase } from '../src/main/demo';
import { nodeRuntime } from '../src/main/runtime';

const runtime = nodeRuntime('cli');
const material = await buildPracticeCase(runtime);
const file = join(runtime.resourcesDir, 'practice', 'practice-case.json');
writeFileSync(file, `${JSON.stringify(material, null, 2)}\n`);
console.log(`Wrote ${file}: ${material.criteria.length} criteria.`);
