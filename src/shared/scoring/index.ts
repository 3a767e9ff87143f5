export * from '../scale';
export * from './agreement';
export * from './moderation';
export * from './outcome';
export * from './sheet';
export * from './validity';
