import { z } from 'zod';
import type { StandardFingerprint } from '../standard';
import type { MemberRole } from '../vocabulary';
import { caseFileName, caseId, casePath, noInput, passphrase, personName, pin } from './fields';
import { op, operations } from './operation';
import { organisationName, type Organisation } from './organisation';

export interface CaseFileEntry {
  path: string;
  fileName: string;
  sizeBytes: number;
  modifiedAt: string;
}

export interface RecentCaseFile {
  path: string;
  fileName: string;
  /** Shown only where this computer keeps it encrypted (the desktop app); otherwise null: the list never holds it readable. */
  organisationName: string | null;
  lastOpenedAt: string;
  exists: boolean;
}

/** A case file this app (this window's process, or this browser-mode host) already has open. */
export interface CaseOpenHere {
  caseId: string;
  path: string;
  fileName: string;
  organisationName: string;
}

export interface PassphraseCheck {
  acceptable: boolean;
  /** 0 (very weak) to 4 (very strong). */
  score: number;
  /** Why it is not acceptable, in plain words; empty when acceptable. */
  reason: string;
  suggestions: string[];
}

/** A panel member signed in (by PIN) to a case on this client. */
export interface SignedInMember {
  memberId: string;
  name: string;
  role: MemberRole;
}

/** What the app shows about an open case, and who is signed in to it on this client. */
export interface OpenCase {
  caseId: string;
  path: string;
  organisation: Organisation;
  standard: StandardFingerprint;
  createdAt: string;
  signedIn: SignedInMember | null;
}

export interface AuditCheck {
  ok: boolean;
  entries: number;
  /** Plain-English finding: either that the record is intact, or where it was broken. */
  message: string;
  brokenAtSeq?: number;
}

/** The full check of a case file (every page, table and attached file), as the user is told it. */
export interface CaseFileCheck {
  ok: boolean;
  pages: number;
  /** Each damaged thing in plain words: a table's name for people, or an attached file and its evidence. */
  damage: { kind: 'pages' | 'table' | 'attachment'; name: string; detail: string }[];
  /** One paragraph for the user. */
  summary: string;
}

export interface ReadableSaved {
  path: string;
  /** One paragraph for the user: what was saved and what was left out. */
  summary: string;
}

export type StageName = 'evidence' | 'panel' | 'scoring' | 'moderation' | 'decision' | 'certificate';
export interface Stage {
  name: StageName;
  state: 'done' | 'current' | 'open' | 'not_yet_open';
  /** Plain sentence: what is happening in this stage, or why it is not yet open. */
  explanation: string;
}
export interface CaseProgress {
  stages: Stage[];
  /** The obvious next step, in one sentence. */
  nextStep: string;
  /** The signed-in member's own next step, in the first person (null when nobody is signed in). */
  yourNextStep: string | null;
  phase: 'preparing' | 'scoring' | 'moderation' | 'moderation_closed' | 'decided';
}

export const caseOperations = operations('case', {
  'case.listWorkspace': op<{ workspaceDir: string; files: CaseFileEntry[] }>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the case files in the workspace folder.',
  }),
  'case.recent': op<RecentCaseFile[]>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the case files opened recently on this computer.',
  }),
  'case.openHere': op<CaseOpenHere[]>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary:
      'Lists the case files this app already has open, so a reloaded or reopened page can carry on with them.',
  }),
  'case.suggestPassphrase': op<{ passphrase: string }>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Suggests a strong passphrase made of random words.',
  }),
  'case.checkPassphrase': op<PassphraseCheck>()({
    input: z
      .object({
        passphrase: z.string().max(1024),
        /** Names that count against the passphrase (the organisation's, the lead's), as creating the case counts them. */
        relatedWords: z.array(z.string().max(200)).max(4).optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Says whether a passphrase is strong enough to protect a case file, and why not.',
  }),
  'case.create': op<OpenCase>()({
    input: z
      .object({
        fileName: caseFileName,
        organisationName,
        passphrase,
        leadName: personName,
        leadPin: pin,
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Creates a new encrypted case file in the workspace, with you as its lead assessor.',
  }),
  'case.open': op<OpenCase>()({
    input: z
      .object({
        path: casePath,
        /** Left out to use the passphrase remembered on this computer (desktop app only). */
        passphrase: passphrase.optional(),
        /** Remember the passphrase with the operating system's protected storage (desktop app only). */
        rememberPassphrase: z.boolean().optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Opens a case file with its passphrase.',
  }),
  'case.passphraseMemory': op<{ canRemember: boolean; remembered: boolean }>()({
    input: z.object({ path: casePath }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Says whether this computer can remember a case file’s passphrase, and whether it does.',
  }),
  'case.forgetPassphrase': op<{ forgotten: true }>()({
    input: z.object({ path: casePath }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Forgets a case file’s remembered passphrase on this computer.',
  }),
  'case.get': op<OpenCase>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Shows an open case and who is signed in to it here.',
  }),
  'case.progress': op<CaseProgress>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Shows the stages of the assessment, what is done and what comes next.',
  }),
  'case.close': op<{ closed: true }>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Closes a case file, so it can be carried to another computer.',
  }),
  'case.changePassphrase': op<{ changed: true }>()({
    input: z.object({ caseId, currentPassphrase: passphrase, newPassphrase: passphrase }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Changes the passphrase of a case file.',
  }),
  'case.saveCopy': op<{ path: string }>()({
    input: z.object({ caseId, fileName: caseFileName }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Saves an encrypted copy of the case file in the workspace.',
  }),
  'case.check': op<CaseFileCheck>()({
    input: z.object({ caseId, passphrase }).strict(),
    access: ['lead'],
    effect: 'read',
    summary: 'Checks every page, table and attached file of the case file, and says what is damaged.',
  }),
  'case.saveReadable': op<ReadableSaved>()({
    input: z.object({ caseId, passphrase, fileName: caseFileName }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Saves every row and attached file that can still be read to a new case file in the workspace.',
  }),
  'case.verifyAudit': op<AuditCheck>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'read',
    summary: 'Checks that the case file’s record of changes has not been altered.',
  }),
});
