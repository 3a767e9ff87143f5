import type { z } from 'zod';
import type { Result } from './result';
import type { OperationSpec } from './operation';
import { appOperations } from './app';
import { appealOperations } from './appeal';
import { caseOperations } from './case';
import { certificateOperations } from './certificate';
import { evidenceOperations } from './evidence';
import { identityOperations } from './identity';
import { moderationOperations } from './moderation';
import { organisationOperations } from './organisation';
import { outcomeOperations } from './outcome';
import { panelOperations } from './panel';
import { registerOperations } from './register';
import { roomOperations } from './room';
import { schemeOperations } from './scheme';
import { calibrationOperations } from './calibration';
import { feesOperations } from './fees';
import { scoringOperations } from './scoring';
import { settingsOperations } from './settings';
import { standardOperations } from './standard';
import { trustOperations } from './trust';

/**
 * The whole API, every operation declared once, in the file named after its prefix
 * (`evidence.add` in evidence.ts). Transports (Electron IPC, browser-mode HTTP) carry these calls;
 * src/main/api implements them.
 */
export const contract = {
  ...appOperations,
  ...settingsOperations,
  ...caseOperations,
  ...organisationOperations,
  ...evidenceOperations,
  ...standardOperations,
  ...panelOperations,
  ...scoringOperations,
  ...moderationOperations,
  ...outcomeOperations,
  ...identityOperations,
  ...trustOperations,
  ...certificateOperations,
  ...roomOperations,
  ...schemeOperations,
  ...registerOperations,
  ...calibrationOperations,
  ...feesOperations,
  ...appealOperations,
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type InputOf<N extends OperationName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends OperationName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends OperationName> =
  Contract[N] extends OperationSpec<z.ZodType, infer O> ? O : never;

export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** What the renderer talks to. The Electron preload client and the HTTP client both satisfy it. */
export interface CopanelClient {
  call<N extends OperationName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>>;
}
