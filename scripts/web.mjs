// `npm run web`: browser mode. Builds the screens if needed, then serves them on 127.0.0.1.
import { register } from 'tsx/esm/api';
import { ensureRendererBuilt } from './build-renderer.mjs';

ensureRendererBuilt();
register();
const { runBrowserMode } = await import('../src/main/web/main.ts');
await runBrowserMode(process.argv.slice(2));
