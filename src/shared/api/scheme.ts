import { z } from 'zod';
import {
  caseFileName,
  isoDate,
  localPath,
  noInput,
  passphrase,
  personName,
  recordId,
  sentFile,
  shortText,
} from './fields';
import { op, operations } from './operation';
import { caseId, pin } from './fields';
import { MEMBER_ROLES, type MemberRole } from '../vocabulary';
import type { PanelMember } from './panel';
import type { CaseFileCheckProgress } from './case';

/**
 * The scheme office's inputs (issue 14): the assessor directory, training records and the scheme's
 * own settings. Validated here and nowhere else; src/main/scheme applies them to the scheme file.
 */

/** The roles a person in the directory may take on a panel. */
export const ASSESSOR_ROLES = ['lead', 'assessor', 'co_assessor'] as const;
export type AssessorRole = (typeof ASSESSOR_ROLES)[number];

export const assessorFields = z
  .object({
    name: personName,
    roles: z
      .array(z.enum(ASSESSOR_ROLES))
      .min(1, 'Choose at least one role this person may take on a panel.')
      .max(ASSESSOR_ROLES.length)
      .refine((roles) => new Set(roles).size === roles.length, 'Choose each role once.'),
    email: z
      .union([z.literal(''), z.string().trim().email('That is not an email address.').max(254)])
      .optional(),
    phone: shortText(40).optional(),
    consentToBeNamed: z.boolean(),
    signingKeyId: shortText(200).optional(),
  })
  .strict();
export type AssessorFields = z.infer<typeof assessorFields>;

/** One course attended. The certificate of attendance is handed over separately, as a file. */
export const trainingFields = z
  .object({
    assessorId: recordId,
    course: z.string().trim().min(1, 'Enter the name of the course.').max(200),
    attendedOn: isoDate,
    trainer: personName,
  })
  .strict();
export type TrainingFields = z.infer<typeof trainingFields>;

/** What the scheme does when a panel member is untrained or overdue their refresher. */
export const TRAINING_POLICIES = ['warn', 'block'] as const;
export type TrainingPolicy = (typeof TRAINING_POLICIES)[number];

export const schemeSettings = z
  .object({
    /** Years after a course before a refresher is due. */
    refresherYears: z.number().int().min(1, 'Use at least 1 year.').max(10, 'Use at most 10 years.'),
    trainingPolicy: z.enum(TRAINING_POLICIES),
    /** Days after a decision within which an organisation may appeal it (src/main/appeals). */
    appealDays: z.number().int().min(7, 'Allow at least 7 days.').max(90, 'Allow at most 90 days.'),
  })
  .strict();
export type SchemeSettings = z.infer<typeof schemeSettings>;

export const DEFAULT_SCHEME_SETTINGS: SchemeSettings = {
  refresherYears: 2,
  trainingPolicy: 'warn',
  appealDays: 28,
};

/** Where an assessor stands with training on a given day. */
export type TrainingState = 'untrained' | 'trained' | 'refresher_overdue';

export interface TrainingStatus {
  state: TrainingState;
  /** The most recent course's date, when there is one. */
  lastTrainedOn?: string;
  /** The day the refresher falls due (overdue from the day after). */
  refresherDue?: string;
}

/** One person in the assessor directory, with where they stand with training today. */
export interface Assessor {
  id: string;
  name: string;
  roles: AssessorRole[];
  email: string | null;
  phone: string | null;
  consentToBeNamed: boolean;
  signingKeyId: string | null;
  training: TrainingStatus;
}

/** One course an assessor attended, as the assessor's page lists it. */
export interface TrainingRecord {
  id: string;
  assessorId: string;
  course: string;
  attendedOn: string;
  trainer: string;
  /** The certificate of attendance kept in the scheme file, when one was given. */
  certificate: { name: string; mediaType: string; sha256: string; sizeBytes: number } | null;
}

/** One panel member and where they stand with the linked scheme's training (when it is open here). */
export interface MemberTraining {
  memberId: string;
  name: string;
  role: MemberRole;
  /** The directory entry the member was picked from; null when their name was typed in. */
  directoryId: string | null;
  /** Null when it cannot be known here: the linked scheme file is not open, or the member is not in its directory. */
  training: TrainingStatus | null;
  /** A plain sentence when this member's training should stop or slow the panel; null when all is well. */
  warning: string | null;
}

/** A case's link to a scheme file, and the panel's training as that scheme file records it. */
export interface CaseSchemeLink {
  /** The scheme id the case is linked to; null when it is not linked (a case works without one). */
  schemeId: string | null;
  /** The scheme file open in this app, if any (to offer linking, or to say it is another one). */
  openScheme: { schemeId: string; schemeName: string } | null;
  /** The linked scheme file is open here, so training can be checked. */
  linkedSchemeOpen: boolean;
  policy: TrainingPolicy | null;
  members: MemberTraining[];
}

/** A scheme file in the workspace folder. */
export interface SchemeFileEntry {
  path: string;
  fileName: string;
  sizeBytes: number;
  modifiedAt: string;
}

/** The scheme file open in this app (one at a time, beside any open case), as the screens show it. */
export interface OpenSchemeFile {
  schemeId: string;
  schemeName: string;
  fileName: string;
  path: string;
  /** The name given when it was opened: every change made through this app is audited under it. */
  openedBy: string;
}

/** A scheme file's location: a full path, from the workspace list or a file dialog. */
const schemePath = z.string().trim().min(1, 'Choose a scheme file.').max(4096);

/** The name of whoever opens the scheme file, recorded in its audit log beside every change. */
const yourName = personName;

/**
 * The scheme file's own session. Who may call (decided in src/main/api/scheme-session.ts): the
 * scheme office, at this computer — the desktop window, the browser-mode page, the CLI — never a
 * device in the panel room. There is no per-user login to a scheme file: its passphrase is what
 * protects it, and the name given when it is opened is recorded in its audit log with each change.
 */
export const schemeOperations = operations('scheme', {
  'scheme.state': op<OpenSchemeFile | null>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Says which scheme file this app has open, if any.',
  }),
  'scheme.listWorkspace': op<{ workspaceDir: string; files: SchemeFileEntry[] }>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the scheme files in the workspace folder.',
  }),
  'scheme.create': op<OpenSchemeFile>()({
    input: z.object({ fileName: caseFileName, schemeName: personName, passphrase, yourName }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Creates a new encrypted scheme file in the workspace and opens it.',
  }),
  'scheme.open': op<OpenSchemeFile>()({
    input: z.object({ path: schemePath, passphrase, yourName }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Opens a scheme file with its passphrase.',
  }),
  'scheme.checkProgress': op<CaseFileCheckProgress>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary:
      'Shows how far the background check of a large scheme file has got since it was opened, and any damage it has found.',
  }),
  'scheme.close': op<{ closed: true }>()({
    input: noInput,
    access: 'anyone',
    effect: 'change',
    summary: 'Closes the scheme file, so it can be carried to another computer.',
  }),
  'scheme.assessors': op<Assessor[]>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Lists everyone in the assessor directory, with where they stand with training.',
  }),
  'scheme.addAssessor': op<Assessor>()({
    input: z.object({ assessor: assessorFields }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Adds a person to the assessor directory.',
  }),
  'scheme.editAssessor': op<Assessor>()({
    input: z
      .object({
        assessorId: recordId,
        assessor: assessorFields,
        /** The details as the form showed them: refused as CHANGED_ELSEWHERE if they were changed since. */
        savedBefore: assessorFields.optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Changes a person’s details in the assessor directory.',
  }),
  'scheme.trainingRecords': op<TrainingRecord[]>()({
    input: z.object({ assessorId: recordId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the courses an assessor attended, newest first.',
  }),
  'scheme.recordTraining': op<TrainingRecord>()({
    input: z
      .object({
        training: trainingFields,
        /** The certificate of attendance, when there is one: its bytes are the upload (browser mode) or read from `path`. */
        certificate: sentFile('certificate of attendance').optional(),
        /** The certificate chosen in the system's file dialog (desktop app) or named to the CLI. */
        path: localPath.optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    transfer: 'upload',
    summary:
      'Records a course an assessor attended, with its certificate of attendance (at most 100 MB) when there is one: both are kept, or neither.',
  }),
  'scheme.exportAttendanceCertificate': op<{ path: string | null; sizeBytes: number }>()({
    input: z
      .object({
        trainingId: recordId,
        /** Where to save it on this computer (desktop app and CLI); browser mode downloads it instead. */
        path: localPath.optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    transfer: 'download',
    summary: 'Saves a copy of a course’s certificate of attendance, or downloads it in a browser.',
  }),
  'scheme.settings': op<SchemeSettings>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary:
      'Shows the scheme’s settings: the refresher period and what happens when training is out of date.',
  }),
  'scheme.caseLink': op<CaseSchemeLink>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Shows which scheme file a case is linked to, and the panel’s training when it is open here.',
  }),
  'scheme.linkCase': op<CaseSchemeLink>()({
    input: z.object({ caseId, link: z.boolean() }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Links the case to the open scheme file (or removes the link).',
  }),
  'scheme.addMemberFromDirectory': op<PanelMember>()({
    input: z
      .object({ caseId, assessorId: recordId, role: z.enum(MEMBER_ROLES), pin: pin.optional() })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary:
      'Adds a person from the linked scheme’s assessor directory to the panel, without retyping their details.',
  }),
  'scheme.linkLead': op<CaseSchemeLink>()({
    input: z.object({ caseId, assessorId: recordId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary:
      'Links you, the lead assessor, to your own entry in the linked scheme’s assessor directory, so your training is checked.',
  }),
  'scheme.changeSettings': op<SchemeSettings>()({
    input: z
      .object({
        settings: schemeSettings.partial(),
        /** The settings as the form showed them: refused as CHANGED_ELSEWHERE if they were changed since. */
        savedBefore: schemeSettings.optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Changes the scheme’s settings.',
  }),
});
