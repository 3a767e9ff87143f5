import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

/** What the main process shares with the engine; anything else it imports must be its own. */
const MAIN_AND_ENGINE = ['src/main/electron/backend/wire.ts', 'src/main/casefile/passphrase-vault.ts'];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/electron/main.ts'),
          // The engine: handlers, case files and signing, in a utilityProcess of its own.
          backend: resolve(import.meta.dirname, 'src/main/electron/backend/entry.ts'),
        },
        // The app's own modules do their work when called, not when imported, so a module nothing
        // uses is left out (this keeps the engine's code out of the main process's bundle).
        treeshake: { moduleSideEffects: (id, external) => external || id.endsWith('/backend/entry.ts') },
        output: {
          // The few modules both processes use get a chunk of their own, so the main process never
          // loads what only the engine needs (the SQLite driver, react-pdf, signing).
          manualChunks: (id) => (MAIN_AND_ENGINE.some((path) => id.endsWith(path)) ? 'shared' : undefined),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron' (and a few Node built-ins): nothing else is
      // left external, and of the shared code only what the bridge uses is bundled.
      externalizeDeps: false,
      rollupOptions: {
        external: ['electron'],
        treeshake: { moduleSideEffects: false },
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
