import { z } from 'zod';
import type { StandardFingerprint } from '../standard';
import type { MemberRole } from '../vocabulary';
import { caseFileName, caseId, casePath, localPath, noInput, passphrase, personName, pin } from './fields';
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
  /**
   * Signed in through the panel room only: the secret the room gave this device (the case file
   * keeps only its hash), with which the member can later ask for a new PIN from this device alone.
   */
  device?: { deviceId: string; secret: string };
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

/** One damaged thing in plain words: pages, a table's name for people, or an attached file and its evidence. */
export interface CaseFileDamage {
  kind: 'pages' | 'table' | 'attachment';
  name: string;
  detail: string;
}

/** The full check of a case file (every page, table, attached file and receipt), as the user is told it. */
export interface CaseFileCheck {
  ok: boolean;
  pages: number;
  damage: CaseFileDamage[];
  /** One paragraph for the user. */
  summary: string;
}

/** Why a full check is running: opening a large file left its attached files to it, or the lead asked. */
export type CaseFileCheckReason = 'opened_large_file' | 'asked';

/** The full check running (or run) in the background for an open case, as the screens show it. */
export interface CaseFileCheckProgress {
  /** 'none': not run since the case was opened here. */
  state: 'none' | 'running' | 'finished' | 'cancelled' | 'failed';
  startedBecause: CaseFileCheckReason | null;
  /** 0–100 over the whole check. */
  percent: number;
  /** What it is doing now, in plain words. */
  description: string;
  /** What it has found damaged so far (while running) or in all (when finished). */
  damage: CaseFileDamage[];
  /** When it has finished: one paragraph for the user (or, when it failed, why). */
  summary: string | null;
}

export interface ReadableSaved {
  /** Where it was saved; null when it was sent as a download (browser mode). */
  path: string | null;
  /** One paragraph for the user: what was saved and what was left out. */
  summary: string;
}

export type StageName = 'evidence' | 'panel' | 'scoring' | 'moderation' | 'decision' | 'certificate';
export interface Stage {
  name: StageName;
  /** `attention`: past this stage, but something a lead should see to (e.g. no evidence recorded). */
  state: 'done' | 'current' | 'open' | 'not_yet_open' | 'attention';
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
  'case.checkBeforeOpening': op<{ ready: true }>()({
    input: z.object({ path: casePath }).strict(),
    access: 'anyone',
    effect: 'read',
    summary:
      'Says, before the passphrase is asked, why a chosen file cannot be a case file (empty, a PDF, a scheme file…), if it cannot.',
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
    summary:
      'Checks every page, table, attached file and receipt of the case file, and says what is damaged.',
  }),
  'case.startCheck': op<CaseFileCheckProgress>()({
    input: z.object({ caseId, passphrase }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Starts the full check of the case file in the background (unless it is running already).',
  }),
  'case.checkProgress': op<CaseFileCheckProgress>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Shows how far the background check of the case file has got, and any damage it has found.',
  }),
  'case.cancelCheck': op<CaseFileCheckProgress>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Stops the background check of the case file.',
  }),
  'case.saveReadable': op<ReadableSaved>()({
    input: z
      .object({
        caseId,
        passphrase,
        /** The new file's name: in the workspace, or as the download is named (browser mode). */
        fileName: caseFileName,
        /** Where to save it on this computer instead (desktop app's save dialog, CLI). */
        path: localPath.optional(),
      })
      .strict(),
    access: ['lead'],
    effect: 'change',
    transfer: 'download',
    summary:
      'Saves every row and attached file that can still be read to a new case file: in the workspace, where you choose, or as a download.',
  }),
  'case.verifyAudit': op<AuditCheck>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'read',
    summary: 'Checks that the case file’s record of changes has not been altered.',
  }),
});
