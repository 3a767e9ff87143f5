import type { Command } from './command';
import { infoCommand } from './info';

/** Every `copanel` command. Later capabilities add theirs here. */
export const commands: Command[] = [infoCommand];
