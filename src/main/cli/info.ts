import { parseArgs } from 'node:util';
import { invoke, localApiContext } from '../api';
import { nodeRuntime } from '../runtime';
import type { Command } from './command';

/** `copanel info`: what this installation is and whether encryption works — through the same API as the app. */
export const infoCommand: Command = {
  name: 'info',
  summary: 'show the version, the bundled standards and whether encryption works',
  usage: 'Usage: copanel info [--json]',
  async run({ args, out }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
    const ctx = localApiContext(nodeRuntime('cli'));
    const info = await invoke('app.info', {}, ctx);
    const health = await invoke('app.health', {}, ctx);
    if (values.json) {
      out(JSON.stringify({ info, health }, null, 2));
      return 0;
    }
    out(`${info.name} ${info.version}`);
    out(`Standards: ${info.standards.map((s) => `${s.title} (version ${s.version})`).join(', ') || 'none'}`);
    out(`Encryption: ${health.encryption ? 'available (SQLCipher 4)' : 'NOT available'}`);
    return 0;
  },
};
