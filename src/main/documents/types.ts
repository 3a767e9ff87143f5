/**
 * What the documents show. These view models are plain data built by the caller (from the case file,
 * the standard and the outcome) and are deliberately independent of the database: the renderers
 * only lay them out.
 *
 * Dates are calendar dates written `YYYY-MM-DD` (no time, no time zone); the documents print them
 * in words, e.g. "2 March 2026".
 */
import type { AwardLevel, Score } from '../../shared/scoring';
import type { MemberRole } from '../../shared/vocabulary';

export type { AwardLevel, Score };

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

/** The certificate handed to an organisation. One page, A4 landscape. */
export interface CertificateView {
  /** The scheme awarding the standard, e.g. "Coproduction Quality Standard". */
  schemeName: string;
  organisationName: string;
  level: AwardLevel;
  /** The six I Statements, in order, quoted exactly. */
  statements: readonly string[];
  decisionDate: CalendarDate;
  validUntil: CalendarDate;
  interimReviewDue: CalendarDate;
  certificateNumber: string;
  /** Printed only when given: the lead assessor consented to be named. */
  leadAssessorName?: string;
  /** The Expert by Experience who co-signs. Printed only when given (they consented to be named). */
  coSignerName?: string;
  /** An already-signed compact payload. It is drawn as a QR code exactly as given, never changed. */
  qrPayload: string;
  /**
   * What the QR code holds: the scheme's verification link carrying `qrPayload` in its fragment
   * (signing's `verificationLink`). Without it (previews, older callers) the QR code holds the payload itself.
   */
  qrLink?: string;
  standardTitle: string;
  standardVersion: string | number;
}

/** A panel member in the report. Without a name (no consent to be named) the report says "Name withheld". */
export interface ReportPanelMember {
  name?: string;
  role: MemberRole;
}

export type ConsentStatus = 'given' | 'refused' | 'withdrawn' | 'not_asked' | 'pending';

/** Testimony from someone the panel spoke to. Only quotes whose consent is 'given' are ever printed. */
export interface ReportQuote {
  text: string;
  /** Who said it, in words that do not identify them, e.g. "Someone who uses the service". */
  attribution: string;
  consentStatus: ConsentStatus;
}

export interface ReportCriterion {
  id: string;
  title: string;
  /** The score the panel agreed in moderation; undefined when there is none. */
  agreedScore?: Score;
  /** The panel's reason for the agreed score, as recorded in moderation. */
  reason?: string;
}

export interface ReportCondition {
  text: string;
  due: CalendarDate;
}

export interface ReportStatement {
  /** 1 to 6. */
  number: number;
  /** The I Statement, quoted exactly. */
  text: string;
  criteria: readonly ReportCriterion[];
  /** In the order the panel recorded them: the first is the one the summary shows. */
  strengths: readonly string[];
  /** In the order the panel recorded them: the first is the one the summary shows. */
  recommendations: readonly string[];
  /** Conditions about this statement, printed under it (and in the summary). */
  conditions: readonly ReportCondition[];
  /** Evidence quoted for this statement; a quote given for several statements prints once. */
  quotes: readonly ReportQuote[];
}

/** One outcome rule and the plain sentences that explain how it applied. */
export interface OutcomeTraceGroup {
  rule: string;
  sentences: readonly string[];
}

export type ReportDecision =
  | {
      awarded: true;
      level: AwardLevel;
      decisionDate: CalendarDate;
      validUntil: CalendarDate;
      interimReviewDue: CalendarDate;
    }
  | {
      awarded: false;
      decisionDate: CalendarDate;
    };

/** The assessment report sent to the organisation. A4 portrait, several pages. */
export interface ReportView {
  schemeName: string;
  standardTitle: string;
  standardVersion: string | number;
  organisation: {
    name: string;
    /** Address lines, in order. */
    address: readonly string[];
    servicesInScope: readonly string[];
  };
  /** The certificate number when a certificate was issued. */
  certificateNumber?: string;
  /** The case file's record of changes when the report was signed: entries and newest hash. */
  auditHead?: { entries: number; hash: string };
  decision: ReportDecision;
  /** How the standard's rules gave the decision: printed in an appendix. */
  outcomeTrace: readonly OutcomeTraceGroup[];
  /** Conditions of the award as a whole, not about one I Statement (printed in the summary). */
  awardConditions: readonly ReportCondition[];
  statements: readonly ReportStatement[];
  panel: readonly ReportPanelMember[];
  /** How much the panel agreed in scoring, in the moderation screen's words (alpha, what it means, the matching shares). */
  panelAgreement: readonly string[];
  /** PIN resets and changes of members' details after scoring opened, each in one sentence with its reason. */
  panelChanges?: readonly string[];
  /** Titles only: never the content of the evidence. */
  evidenceConsidered: readonly string[];
  /** Appeals against this assessment's decisions, oldest first (src/main/appeals); absent when none. */
  appeals?: readonly ReportAppeal[];
}

/** One appeal as the report prints it: grounds, dates, review panel, outcome and reasons. */
export interface ReportAppeal {
  /** The decision appealed against, in words (its date, level and certificate). */
  against: string;
  receivedOn: string;
  deadline: string;
  /** Why a late appeal was accepted; null when it was in time. */
  lateReason: string | null;
  grounds: string;
  /** Named only with their consent; the review panel's lead first. */
  reviewPanel: readonly { name?: string; isLead: boolean }[];
  /** The outcome's title and meaning in plain words, or null while the appeal is open. */
  outcome: { title: string; meaning: string; reasons: string; decidedOn: string } | null;
  /** The certificate that replaced the old one after a varied outcome, once issued. */
  replacedBy: string | null;
}

export interface ScoreSheetCriterion {
  id: string;
  title: string;
  whatGoodLooksLike: string;
  descriptors: { level1: string; level2: string; level3: string };
}

export interface ScoreSheetStatement {
  number: number;
  text: string;
  criteria: readonly ScoreSheetCriterion[];
}

/** A blank score sheet for scoring on paper. A4 portrait. */
export interface ScoreSheetView {
  standardTitle: string;
  standardVersion: string | number;
  /** Printed when given; otherwise a blank line to write on. */
  organisationName?: string;
  /** Printed when given; otherwise a blank line to write on. */
  memberName?: string;
  statements: readonly ScoreSheetStatement[];
}

export interface RenderOptions {
  /** Written as the PDF's creation and modification date. Required so the same input gives the same bytes. */
  creationDate: Date;
  /** The app's bundled resources folder (fonts, badges). Defaults to `resources/` in the app folder. */
  resourcesDir?: string;
}
