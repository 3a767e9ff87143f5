// A phone's thread for bench 9: worker threads do not inherit tsx's hooks, so it registers them first.
import { register } from 'tsx/esm/api';

register();
await import('./room-device.ts');
