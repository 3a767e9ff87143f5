export * from './statements';
export * from './schema';
export { checkStandardConsistency, type StandardProblemAt } from './consistency';
export * from './problems';
export * from './canonical-json';
export * from './fingerprint';
