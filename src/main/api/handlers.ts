import type { Handlers } from './dispatch';
import { appHandlers } from './app';

/** Every operation of the contract, implemented. Both transports use this one object. */
export const handlers: Handlers = {
  ...appHandlers,
};
