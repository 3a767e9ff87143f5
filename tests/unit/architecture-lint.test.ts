import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import architecture from '../../eslint/architecture.js';

/**
 * The architecture rules themselves are tested here (they run on the whole tree in `npm run
 * lint`): each must catch what it is there to catch, or a green lint would prove nothing.
 */

const root = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'copanel-architecture-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function problems(rule: string, options: unknown[], file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: '/',
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { architecture },
        rules: { [`architecture/${rule}`]: ['error', ...options] },
      },
    ],
  });
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((message) => message.message);
}

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(scratch, name, '..'), { recursive: true });
    writeFileSync(join(scratch, name), text);
  }
}

describe('the architecture lint rules', () => {
  it('no-cycle finds a cycle through several modules, type-only imports included', async () => {
    write({
      'a.ts': "import { b } from './b';\nexport const a = b;\n",
      'b.ts': "import type { C } from './c';\nexport const b = 1 as C;\n",
      'c.ts': "import { a } from './a';\nexport type C = typeof a;\n",
      'd.ts': "import { b } from './b';\nexport const d = b;\n",
    });
    const found = await problems('no-cycle', [], join(scratch, 'a.ts'), "import { b } from './b';\n");
    expect(found).toEqual([expect.stringMatching(/a\.ts → .*b\.ts → .*c\.ts → .*a\.ts/)]);
    expect(await problems('no-cycle', [], join(scratch, 'd.ts'), "import { b } from './b';\n")).toEqual([]);
  });

  it('no-deep-import asks for the folder’s index from outside it, and allows anything inside it', async () => {
    const outside = join(root, 'tests', 'unit', 'example.ts');
    expect(
      await problems('no-deep-import', [], outside, "import { x } from '../../src/main/casefile/audit';\n"),
    ).toEqual([
      expect.stringMatching(
        /reaches past src\/main\/casefile\/index\.ts: import "..\/..\/src\/main\/casefile"/,
      ),
    ]);
    expect(
      await problems('no-deep-import', [], outside, "import { x } from '../../src/main/casefile';\n"),
    ).toEqual([]);
    const inside = join(root, 'src', 'main', 'casefile', 'example.ts');
    expect(await problems('no-deep-import', [], inside, "import { x } from './audit';\n")).toEqual([]);
  });

  it('layers refuses an import its layer may not make', async () => {
    const layers = [
      { files: ['src/shared'], mayImport: ['src/shared'], why: 'shared imports nothing from the processes.' },
      {
        files: ['src/main'],
        except: ['src/main/api'],
        mayNotImport: ['src/main/api'],
        why: 'domain code does not know how it is called.',
      },
    ];
    const shared = join(root, 'src', 'shared', 'example.ts');
    expect(await problems('layers', [layers], shared, "import { x } from '../main/casefile';\n")).toEqual([
      expect.stringMatching(
        /src\/shared may not import src\/main\/casefile\/index\.ts: shared imports nothing/,
      ),
    ]);
    const domain = join(root, 'src', 'main', 'panel', 'example.ts');
    expect(await problems('layers', [layers], domain, "import { x } from '../api';\n")).toEqual([
      expect.stringMatching(/may not import src\/main\/api\/index\.ts/),
    ]);
    const api = join(root, 'src', 'main', 'api', 'example.ts');
    expect(await problems('layers', [layers], api, "import { x } from '../panel';\n")).toEqual([]);
  });
});
