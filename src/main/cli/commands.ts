import type { Command } from './command';
import type { PrebuiltBundle } from './prebuilt';

/** A command by name; its code (and what it needs: documents, signing, case files) loads only when it runs. */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<Command>;
  /**
   * The bundle the built command runs it from instead (one script, with a V8 code cache; see
   * prebuilt.ts): the same command's code, for a command whose start-up time is a target.
   */
  readonly prebuilt?: PrebuiltBundle;
  /**
   * Options whose code the bundle does not hold (it loads on demand, e.g. the register's for
   * `verify --register`): given one of them, the command runs from its modules instead.
   */
  readonly notPrebuiltWith?: readonly string[];
}

/** Whether this run of the command can be served by its prebuilt bundle. */
export function prebuiltServes(
  entry: CommandEntry,
  args: readonly string[],
): entry is CommandEntry & {
  prebuilt: PrebuiltBundle;
} {
  const optionNames = args.map((arg) => arg.split('=', 1)[0]!);
  return entry.prebuilt !== undefined && !optionNames.some((name) => entry.notPrebuiltWith?.includes(name));
}

/** Every `copanel` command. Later capabilities add theirs here. */
export const commands: readonly CommandEntry[] = [
  { name: 'info', load: async () => (await import('./info')).infoCommand },
  { name: 'case create', load: async () => (await import('./case')).caseCreateCommand },
  { name: 'case info', load: async () => (await import('./case')).caseInfoCommand },
  { name: 'case verify-audit', load: async () => (await import('./case')).caseVerifyAuditCommand },
  { name: 'case check', load: async () => (await import('./case')).caseCheckCommand },
  { name: 'scheme init', load: async () => (await import('./scheme')).schemeInitCommand },
  { name: 'scheme issue', load: async () => (await import('./scheme')).schemeIssueCommand },
  { name: 'scheme revoke', load: async () => (await import('./scheme')).schemeRevokeCommand },
  { name: 'scheme-file create', load: async () => (await import('./scheme-file')).schemeFileCreateCommand },
  { name: 'scheme-file info', load: async () => (await import('./scheme-file')).schemeFileInfoCommand },
  {
    name: 'scheme-file verify-audit',
    load: async () => (await import('./scheme-file')).schemeFileVerifyAuditCommand,
  },
  {
    name: 'register import',
    load: async () => (await import('./register')).registerImportCommand,
  },
  {
    name: 'register list',
    load: async () => (await import('./register')).registerListCommand,
  },
  {
    name: 'register record',
    load: async () => (await import('./register')).registerRecordCommand,
  },
  {
    name: 'register revocations',
    load: async () => (await import('./register')).registerRevocationsCommand,
  },
  {
    name: 'register export',
    load: async () => (await import('./register')).registerExportCommand,
  },
  {
    name: 'register verify',
    load: async () => (await import('./register')).registerVerifyCommand,
  },
  {
    name: 'register due',
    load: async () => (await import('./register')).registerDueCommand,
  },
  {
    name: 'register badge',
    load: async () => (await import('./register')).registerBadgeCommand,
  },
  {
    name: 'register merge',
    load: async () => (await import('./register')).registerMergeCommand,
  },
  {
    name: 'register publish',
    load: async () => (await import('./register')).registerPublishCommand,
  },
  { name: 'fees export', load: async () => (await import('./fees')).feesExportCommand },
  {
    name: 'verify',
    load: async () => (await import('./verify')).verifyCommand,
    prebuilt: 'verify',
    notPrebuiltWith: ['--register', '--register-signature'],
  },
  { name: 'demo', load: async () => (await import('./demo')).demoCommand },
];
