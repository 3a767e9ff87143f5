export * from './statements';
export * from './schema';
export * from './problems';
export * from './canonical-json';
export * from './fingerprint';
