import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/security';

/** frame-ancestors only works as a header (sent by both hosts); browsers reject it in a meta tag. */
const META_CSP = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

/** Puts the app's one Content Security Policy into index.html, so the page carries it in both modes. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'copanel-csp',
    transformIndexHtml: (html) =>
      html.replace('<!--csp-->', `<meta http-equiv="Content-Security-Policy" content="${META_CSP}" />`),
  };
}

/** The renderer's build, shared by electron-vite (desktop) and browser mode. */
export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    // One bundle for an offline desktop app is fine; the bench keeps it under 400 kB gzipped.
    chunkSizeWarningLimit: 1000,
    rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
  },
};

export default defineConfig(rendererConfig);
