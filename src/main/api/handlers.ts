import type { Handlers } from './dispatch';
import { appHandlers } from './app';
import { caseFileHandlers } from './casefile';
import { panelHandlers } from './panel';
import { certificateHandlers } from './certificate';

/** Every operation of the contract, implemented. Both transports use this one object. */
export const handlers: Handlers = {
  ...appHandlers,
  ...caseFileHandlers,
  ...panelHandlers,
  ...certificateHandlers,
};
