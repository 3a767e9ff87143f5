// @ts-check
/**
 * The project's architecture rules, as an ESLint plugin (part of `npm run lint`, so of `npm test`):
 * - `architecture/layers`: which folders may import which (shared imports nothing from the
 *   processes; domain folders under src/main import no front door; the API imports no transport…).
 * - `architecture/no-deep-import`: no import reaches past a folder's index.ts from outside that
 *   folder (as VS Code's code-no-deep-import-of-internal): the index is the folder's public face.
 * - `architecture/no-cycle`: no import cycles, type-only imports included, over the module graph
 *   of relative imports (TypeScript's own import scanner reads each file).
 * Paths in options are relative to the repository root (this file's parent folder).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];

/** The repository-relative path, with forward slashes. */
const repoPath = (file) => relative(ROOT, file).split(sep).join('/');

const isFile = (path) => existsSync(path) && statSync(path).isFile();

/** The file a relative import names, or undefined for a package or a file that is not TypeScript. */
export function resolveImport(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier.replace(/\.(js|mjs|cjs)$/, ''));
  for (const candidate of [
    ...EXTENSIONS.map((extension) => base + extension),
    ...EXTENSIONS.map((extension) => join(base, `index${extension}`)),
  ]) {
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

/** `dir` is `folder` or inside it. */
const within = (dir, folder) => dir === folder || dir.startsWith(folder + sep);

/**
 * The folder whose index.ts an import from `importer` must go through to reach `target`: the
 * outermost folder holding the target, not holding the importer, that has an index.ts.
 */
export function requiredEntry(importer, target) {
  const importerDir = dirname(importer);
  const parts = relative(ROOT, dirname(target)).split(sep);
  for (let depth = 1; depth <= parts.length; depth += 1) {
    const folder = join(ROOT, ...parts.slice(0, depth));
    if (within(importerDir, folder)) continue;
    const index = EXTENSIONS.map((extension) => join(folder, `index${extension}`)).find(isFile);
    if (index) return index;
  }
  return undefined;
}

/** Every module specifier a source file imports or re-exports, type-only and dynamic imports included. */
function specifiersOf(file) {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((entry) => entry.fileName);
}

const graph = new Map();
/** The files `file` imports (relative imports only), read once per lint run. */
function importsOf(file) {
  let targets = graph.get(file);
  if (!targets) {
    targets = [...new Set(specifiersOf(file).flatMap((specifier) => resolveImport(file, specifier) ?? []))];
    graph.set(file, targets);
  }
  return targets;
}

/** A shortest chain of imports from `start` back to `goal`, or undefined when there is none. */
export function importChain(start, goal) {
  const cameFrom = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const next of importsOf(file)) {
      if (next === goal) {
        const chain = [file];
        for (let step = cameFrom.get(file); step !== undefined; step = cameFrom.get(step))
          chain.unshift(step);
        return [...chain, goal];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** Calls `check(node, specifier)` for every import and re-export in the file being linted. */
function eachImport(check) {
  const withSource = (node) => {
    if (node.source && typeof node.source.value === 'string') check(node, node.source.value);
  };
  return {
    ImportDeclaration: withSource,
    ExportNamedDeclaration: withSource,
    ExportAllDeclaration: withSource,
    ImportExpression: withSource,
  };
}

/** @type {import('eslint').Rule.RuleModule} */
const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles (type-only imports count too).' },
    schema: [],
    messages: {
      cycle: 'This import closes a cycle: {{chain}}. Move what both need into a module below them.',
    },
  },
  create(context) {
    const file = context.filename;
    return eachImport((node, specifier) => {
      const target = resolveImport(file, specifier);
      if (!target) return;
      const chain = target === file ? [file, file] : importChain(target, file);
      if (chain) {
        const shown = [file, ...chain.slice(target === file ? 1 : 0)].map(repoPath);
        context.report({ node, messageId: 'cycle', data: { chain: shown.join(' → ') } });
      }
    });
  },
};

/** @type {import('eslint').Rule.RuleModule} */
const noDeepImport = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Import a folder through its index.ts, never a file behind it, from outside the folder.',
    },
    schema: [
      {
        type: 'object',
        properties: { ignoreTargets: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      deep: '"{{specifier}}" reaches past {{entry}}: import "{{instead}}" instead (and export what is needed there).',
    },
  },
  create(context) {
    const file = context.filename;
    const ignored = (context.options[0]?.ignoreTargets ?? []).map((folder) => join(ROOT, folder));
    return eachImport((node, specifier) => {
      const target = resolveImport(file, specifier);
      if (!target || ignored.some((folder) => within(target, folder))) return;
      const entry = requiredEntry(file, target);
      if (!entry || entry === target) return;
      let instead = relative(dirname(file), dirname(entry)).split(sep).join('/');
      if (!instead.startsWith('.')) instead = `./${instead}`;
      context.report({
        node,
        messageId: 'deep',
        data: { specifier, entry: repoPath(entry), instead },
      });
    });
  },
};

/** @type {import('eslint').Rule.RuleModule} */
const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the layers in order: each folder imports only what its layer may.' },
    schema: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            files: { type: 'array', items: { type: 'string' } },
            except: { type: 'array', items: { type: 'string' } },
            mayImport: { type: 'array', items: { type: 'string' } },
            mayNotImport: { type: 'array', items: { type: 'string' } },
            why: { type: 'string' },
          },
          required: ['files', 'why'],
          additionalProperties: false,
        },
      },
    ],
    messages: { layer: '{{from}} may not import {{target}}: {{why}}' },
  },
  create(context) {
    const file = context.filename;
    const holds = (folders) => (folders ?? []).some((folder) => within(file, join(ROOT, folder)));
    const rules = (context.options[0] ?? []).filter((rule) => holds(rule.files) && !holds(rule.except));
    if (rules.length === 0) return {};
    return eachImport((node, specifier) => {
      const target = resolveImport(file, specifier);
      if (!target) return;
      const inside = (folders) => (folders ?? []).some((folder) => within(target, join(ROOT, folder)));
      const broken = rules.find(
        (rule) => (rule.mayImport && !inside(rule.mayImport)) || inside(rule.mayNotImport),
      );
      if (broken) {
        context.report({
          node,
          messageId: 'layer',
          data: { from: repoPath(dirname(file)), target: repoPath(target), why: broken.why },
        });
      }
    });
  },
};

export default {
  meta: { name: 'architecture' },
  rules: { layers, 'no-cycle': noCycle, 'no-deep-import': noDeepImport },
};
