import type { Handlers } from './handler';
import { openScheme } from './scheme-session';

type CalibrationOperation =
  | 'calibration.overview'
  | 'calibration.markBundled'
  | 'calibration.markCase'
  | 'calibration.practiceCase'
  | 'calibration.submit'
  | 'calibration.setThresholds';

/** Calibration against a practice case, on the scheme file open in this app (src/main/scheme/calibration.ts). */
export const calibrationHandlers: Pick<Handlers, CalibrationOperation> = {
  'calibration.overview': async (_input, ctx) => {
    const { file } = openScheme(ctx);
    const scheme = await import('../scheme');
    const statuses = await scheme.calibrationStatuses(file);
    const assessors = await scheme.listAssessors(file);
    return {
      practiceCases: await scheme.listPracticeCases(file),
      assessors: assessors.map((assessor) => ({
        id: assessor.id,
        name: assessor.name,
        calibration: statuses.get(assessor.id) ?? { state: 'not_calibrated' as const },
      })),
      thresholds: await scheme.readCalibrationThresholds(file),
    };
  },
  'calibration.markBundled': async (_input, ctx) => {
    const { file, actor } = openScheme(ctx);
    const scheme = await import('../scheme');
    const material = scheme.readBundledPracticeCase(ctx.runtime.resourcesDir);
    return { practiceCaseId: await scheme.markPracticeCase(file, actor, { material, source: 'bundled' }) };
  },
  'calibration.markCase': async ({ title }, ctx, scope) => {
    const { file, actor } = openScheme(ctx);
    const scheme = await import('../scheme');
    const material = await scheme.practiceCaseFromCaseFile(scope.caseFile, ctx.runtime.resourcesDir, {
      title,
      fictional: false,
    });
    const practiceCaseId = await scheme.markPracticeCase(file, actor, {
      material,
      source: 'case',
      sourceCaseId: scope.caseFile.caseId,
    });
    return { practiceCaseId };
  },
  'calibration.practiceCase': async ({ practiceCaseId }, ctx) => {
    const { file } = openScheme(ctx);
    return (await import('../scheme')).practiceCaseForScoring(file, practiceCaseId);
  },
  'calibration.submit': async (input, ctx) => {
    const { file, actor } = openScheme(ctx);
    return (await import('../scheme')).submitPracticeScores(file, actor, input);
  },
  'calibration.setThresholds': async ({ savedBefore, ...thresholds }, ctx) => {
    const { file, actor } = openScheme(ctx);
    return (await import('../scheme')).changeCalibrationThresholds(file, actor, thresholds, savedBefore);
  },
};
