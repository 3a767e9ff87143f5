import { z } from 'zod';
import { scorePointSchema, type ScorePoint } from '../scale';
import { standardFingerprintSchema } from '../standard';
import { caseId, criterionId, isoDate, noInput, recordId, shortText } from './fields';
import { op, operations } from './operation';

/**
 * Calibration against a practice case (issue 14 item 3). The scheme office marks a finished case, or
 * the bundled fictional one, as a practice case with reference agreed scores; an assessor scores it
 * on their own and the app compares their scores with the reference. Validated here and nowhere
 * else; src/main/scheme/calibration.ts keeps them in the scheme file.
 */

/** What an assessor reads about one piece of evidence in a practice case (no attachments, no names). */
export const practiceEvidence = z
  .object({
    title: shortText(200).min(1),
    kind: shortText(40).min(1),
    /** What the evidence shows, in the panel's words. */
    summary: shortText(2000),
    /** Testimony quoted only where the person gave consent in the original case. */
    quote: shortText(2000),
  })
  .strict();
export type PracticeEvidence = z.infer<typeof practiceEvidence>;

/** One criterion to score in practice, with the standard's own words for it. */
export const practiceCriterion = z
  .object({
    id: criterionId,
    statementNumber: z.number().int().min(1).max(6),
    title: shortText(300).min(1),
    whatGoodLooksLike: shortText(2000),
    descriptors: z.object({ '1': shortText(2000), '2': shortText(2000), '3': shortText(2000) }).strict(),
    evidence: z.array(practiceEvidence).max(50),
  })
  .strict();
export type PracticeCriterion = z.infer<typeof practiceCriterion>;

/** The panel's agreed score for one criterion and why: the reference an assessor is compared with. */
export const referenceScore = z
  .object({
    criterionId,
    score: scorePointSchema,
    rationale: shortText(4000).min(1, 'Give the reason for the reference score.'),
  })
  .strict();
export type ReferenceScore = z.infer<typeof referenceScore>;

/** A practice case as it is stored (and as the bundled one is shipped in resources/practice). */
export const practiceCaseMaterial = z
  .object({
    title: shortText(200).min(1),
    organisation: shortText(200).min(1),
    /** True for made-up material (the bundled case); false for a real finished case. */
    fictional: z.boolean(),
    standard: standardFingerprintSchema,
    criteria: z.array(practiceCriterion).min(2).max(200),
    reference: z.array(referenceScore).min(2).max(200),
  })
  .strict()
  .superRefine((material, issues) => {
    const ids = material.criteria.map((criterion) => criterion.id);
    const referenced = material.reference.map((score) => score.criterionId);
    if (new Set(ids).size !== ids.length)
      issues.addIssue({ code: 'custom', message: 'Each criterion appears once in a practice case.' });
    if (new Set(referenced).size !== referenced.length || referenced.some((id) => !ids.includes(id)))
      issues.addIssue({
        code: 'custom',
        message: 'Each reference score is for one criterion of the practice case, once.',
      });
    if (referenced.length !== ids.length)
      issues.addIssue({
        code: 'custom',
        message: 'Every criterion of a practice case needs a reference score.',
      });
  });
export type PracticeCaseMaterial = z.infer<typeof practiceCaseMaterial>;

/** The scheme's thresholds for "calibrated", in whole numbers: a percentage and alpha in thousandths. */
export const calibrationThresholds = z
  .object({
    withinOnePercent: z.number().int().min(50, 'Use at least 50%.').max(100, 'Use at most 100%.'),
    alphaThousandths: z.number().int().min(0, 'Use at least 0.').max(1000, 'Use at most 1.'),
  })
  .strict();
export type CalibrationThresholds = z.infer<typeof calibrationThresholds>;

/** Defaults from the issue: within one point on at least 90% of criteria and alpha at least 0.67. */
export const DEFAULT_CALIBRATION_THRESHOLDS: CalibrationThresholds = {
  withinOnePercent: 90,
  alphaThousandths: 670,
};

/** An assessor's practice scores, handed in all at once: nobody sees them before. */
export const practiceSubmission = z
  .object({
    practiceCaseId: recordId,
    assessorId: recordId,
    scores: z.record(criterionId, scorePointSchema),
    submittedOn: isoDate.optional(),
  })
  .strict();
export type PracticeSubmission = z.infer<typeof practiceSubmission>;

/** One criterion compared: the assessor's score beside the reference, and the reference's reason. */
export interface CriterionComparison {
  criterionId: string;
  title: string;
  assessorScore: ScorePoint;
  referenceScore: ScorePoint;
  /** How many points apart (0 to 3). */
  apart: number;
  rationale: string;
}

/** How an assessor's practice scores compare with the reference. */
export interface CalibrationComparison {
  criteria: number;
  exact: number;
  withinOne: number;
  /** Whole percentages, cut down (never 100% while one criterion differs). */
  exactPercent: number;
  withinOnePercent: number;
  /** Krippendorff's alpha (ordinal) between the assessor and the reference, cut to three decimals; null when it cannot be measured. */
  alpha: string | null;
  /** What alpha means here, in plain words. */
  alphaInWords: string;
  /** The criteria 2 or more points apart from the reference. */
  differedByTwoOrMore: string[];
  calibrated: boolean;
  /** Why they are (or are not yet) calibrated, against the scheme's thresholds. */
  verdict: string;
}

/** What the assessor sees once they have submitted: the comparison and every reference reason. */
export interface CalibrationResult extends CalibrationComparison {
  attemptId: string;
  submittedOn: string;
  byCriterion: CriterionComparison[];
}

export type CalibrationState = 'not_calibrated' | 'calibrated' | 'calibration_expired';

/** Where an assessor stands with calibration on a given day (it expires with the refresher). */
export interface CalibrationStatus {
  state: CalibrationState;
  calibratedOn?: string;
  expiresOn?: string;
}

/** A practice case as an assessor sees it before submitting: no reference scores, no reasons. */
export interface PracticeCaseForScoring {
  id: string;
  title: string;
  organisation: string;
  fictional: boolean;
  criteria: PracticeCriterion[];
}

/** One practice case in the list. */
export interface PracticeCaseListing {
  id: string;
  title: string;
  organisation: string;
  fictional: boolean;
  source: 'bundled' | 'case';
  criteria: number;
  markedBy: string;
  markedAt: string;
}

/** An assessor in the directory with where they stand with calibration today. */
export interface AssessorCalibration {
  id: string;
  name: string;
  calibration: CalibrationStatus;
}

export interface CalibrationOverview {
  practiceCases: PracticeCaseListing[];
  assessors: AssessorCalibration[];
  thresholds: CalibrationThresholds;
}

/**
 * Calibration's operations. Like every scheme-file operation they are for the scheme office at this
 * computer, never a device in the panel room (src/main/api/scheme-session.ts decides).
 */
export const calibrationOperations = operations('calibration', {
  'calibration.overview': op<CalibrationOverview>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the practice cases, each assessor’s calibration and the scheme’s thresholds.',
  }),
  'calibration.markBundled': op<{ practiceCaseId: string }>()({
    input: noInput,
    access: 'anyone',
    effect: 'change',
    summary: 'Adds the bundled fictional practice case to the scheme file.',
  }),
  'calibration.markCase': op<{ practiceCaseId: string }>()({
    input: z.object({ caseId, title: shortText(200).min(1, 'Give the practice case a title.') }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Makes the open finished case a practice case, its agreed scores the reference.',
  }),
  'calibration.practiceCase': op<PracticeCaseForScoring>()({
    input: z.object({ practiceCaseId: recordId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Shows a practice case to score, without its reference scores.',
  }),
  'calibration.submit': op<CalibrationResult>()({
    input: practiceSubmission,
    access: 'anyone',
    effect: 'change',
    summary: 'Hands in an assessor’s practice scores and compares them with the reference.',
  }),
  'calibration.setThresholds': op<CalibrationThresholds>()({
    input: calibrationThresholds.extend({
      /** The thresholds as the form showed them: refused as CHANGED_ELSEWHERE if they were changed since. */
      savedBefore: calibrationThresholds.optional(),
    }),
    access: 'anyone',
    effect: 'change',
    summary: 'Sets the scheme’s thresholds for calibrated.',
  }),
});
