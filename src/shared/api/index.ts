export * from './contract';
export * from './operation';
export * from './result';
export * from './app';
export * from './bridge';
export * from '../errors';
