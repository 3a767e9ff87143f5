export * from './bundled';
export * from './hash';
export * from './load';
export * from './summary';
