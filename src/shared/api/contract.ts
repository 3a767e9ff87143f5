import type { z } from 'zod';
import type { Result } from './result';
import type { OperationSpec } from './operation';
import { appOperations } from './app';
import { caseFileOperations } from './casefile';
import { panelOperations } from './panel';
import { certificateOperations } from './certificate';

/**
 * The whole API, every operation declared once. Transports (Electron IPC, browser-mode HTTP)
 * carry these calls; src/main/api implements them.
 */
export const contract = {
  ...appOperations,
  ...caseFileOperations,
  ...panelOperations,
  ...certificateOperations,
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
