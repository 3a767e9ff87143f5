import { noInput } from './fields';
import { op, operations } from './operation';

export const RUNTIME_MODES = ['electron', 'browser', 'cli'] as const;
export type RuntimeMode = (typeof RUNTIME_MODES)[number];

export interface BundledStandardSummary {
  id: string;
  version: number;
  title: string;
}

export interface AppInfo {
  name: string;
  version: string;
  mode: RuntimeMode;
  standards: BundledStandardSummary[];
}

export interface AppHealth {
  status: 'ok';
  /** SQLCipher is available and can encrypt case files. */
  encryption: boolean;
  uptimeSeconds: number;
}

export const appOperations = operations('app', {
  'app.info': op<AppInfo>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: "Tells the app's name, version, the standards it carries and how it is running.",
  }),
  'app.health': op<AppHealth>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Checks that the app can work: encryption is available.',
  }),
});
