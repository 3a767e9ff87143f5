/** The API contract: every operation, its input, output and who may call it; shared by every process. */
export * from './contract';
export {
  textLimit,
  personName,
  caseFileName,
  reason,
  MAX_KEPT_FILE_BYTES,
  fileTooLargeMessage,
} from './fields';
export * from './operation';
export * from './result';
export * from './bridge';
export * from '../errors';
export * from '../vocabulary';
export * from './app';
export * from './settings';
export * from './case';
export * from './organisation';
export * from './evidence';
export * from './standard';
export * from './panel';
export * from './scoring';
export * from './moderation';
export * from './outcome';
export * from './identity';
export * from './trust';
export * from './certificate';
export * from './scheme';
export * from './register';
export * from './room';
export * from './calibration';
export * from './fees';
export * from './appeal';
