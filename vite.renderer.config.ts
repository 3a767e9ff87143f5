import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY, ROOM_PAGE_CSP } from './src/shared/security';

/** frame-ancestors only works as a header (sent by every host); browsers reject it in a meta tag. */
function metaPolicy(policy: string): string {
  return policy
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
}

/**
 * Puts the Content Security Policy into each page, so it carries it however it is served: the
 * app's one policy in index.html, the panel room's stricter one in room.html (the member pages).
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'copanel-csp',
    transformIndexHtml: (html, ctx) => {
      const policy = ctx.filename.endsWith('room.html') ? ROOM_PAGE_CSP : CONTENT_SECURITY_POLICY;
      return html.replace(
        '<!--csp-->',
        `<meta http-equiv="Content-Security-Policy" content="${metaPolicy(policy)}" />`,
      );
    },
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
    // The room serves room.html and the files it loads, found through the manifest (src/main/room/pages.ts).
    manifest: 'manifest.json',
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'src/renderer/index.html'),
        // The panel room's member pages, served by the room to members' phones.
        room: resolve(import.meta.dirname, 'src/renderer/room.html'),
      },
    },
  },
};

export default defineConfig(rendererConfig);
