import { UserFacingError } from '../../shared/errors';
import { SCHEME_FILE_EXTENSION } from '../casefile';
import {
  addAssessor,
  attendanceCertificate,
  changeSchemeSettings,
  findAssessor,
  listAssessors,
  listTrainingRecords,
  readSchemeSettings,
  recordTraining,
  updateAssessor,
} from '../scheme';
import { workspaceDirOf } from '../settings';
import { incomingKeptFile, saveKeptFile, workspaceFiles, workspacePathFor } from './files';
import type { Handlers } from './handler';
import { openScheme, openSchemeView, schemeOfficeOf } from './scheme-session';

type SchemeSessionOperation =
  | 'scheme.state'
  | 'scheme.listWorkspace'
  | 'scheme.create'
  | 'scheme.open'
  | 'scheme.checkProgress'
  | 'scheme.close';

/** The scheme file's session: create, open with its passphrase, close, and which one is open. */
export const schemeSessionHandlers: Pick<Handlers, SchemeSessionOperation> = {
  'scheme.state': async (_input, ctx) => {
    const open = schemeOfficeOf(ctx).openScheme;
    return open ? openSchemeView(open) : null;
  },
  'scheme.listWorkspace': (_input, ctx) => {
    schemeOfficeOf(ctx);
    const dir = workspaceDirOf(ctx.runtime, ctx.capabilities.appSettings);
    return { workspaceDir: dir, files: workspaceFiles(dir, SCHEME_FILE_EXTENSION) };
  },
  'scheme.create': async ({ fileName, schemeName, passphrase, yourName }, ctx) => {
    const open = await schemeOfficeOf(ctx).create({
      path: workspacePathFor(ctx, fileName, SCHEME_FILE_EXTENSION),
      schemeName,
      passphrase,
      createdBy: yourName,
      appVersion: ctx.runtime.version,
    });
    return openSchemeView(open);
  },
  'scheme.open': async ({ path, passphrase, yourName }, ctx) => {
    const open = await schemeOfficeOf(ctx).open(
      {
        path,
        passphrase,
        appVersion: ctx.runtime.version,
        fullCheckAtOpenMaxBytes: ctx.runtime.fullCheckAtOpenMaxBytes,
      },
      yourName,
    );
    return openSchemeView(open);
  },
  'scheme.checkProgress': (_input, ctx) => schemeOfficeOf(ctx).checkProgress(),
  'scheme.close': async (_input, ctx) => {
    await schemeOfficeOf(ctx).close();
    return { closed: true as const };
  },
};

type SchemeDirectoryOperation =
  | 'scheme.assessors'
  | 'scheme.addAssessor'
  | 'scheme.editAssessor'
  | 'scheme.trainingRecords'
  | 'scheme.recordTraining'
  | 'scheme.exportAttendanceCertificate'
  | 'scheme.settings'
  | 'scheme.changeSettings';

/** The assessor directory, training records and the scheme's settings, in the open scheme file. */
export const schemeDirectoryHandlers: Pick<Handlers, SchemeDirectoryOperation> = {
  'scheme.assessors': (_input, ctx) => listAssessors(openScheme(ctx).file),
  'scheme.addAssessor': async ({ assessor }, ctx) => {
    const { file, actor } = openScheme(ctx);
    return findAssessor(file, await addAssessor(file, actor, assessor));
  },
  'scheme.editAssessor': async ({ assessorId, assessor, savedBefore }, ctx) => {
    const { file, actor } = openScheme(ctx);
    await updateAssessor(file, actor, assessorId, assessor, savedBefore);
    return findAssessor(file, assessorId);
  },
  'scheme.trainingRecords': async ({ assessorId }, ctx) => {
    const { file } = openScheme(ctx);
    await findAssessor(file, assessorId);
    return listTrainingRecords(file, assessorId);
  },
  'scheme.recordTraining': async ({ training, certificate, path }, ctx) => {
    const { file, actor } = openScheme(ctx);
    if (!certificate && (ctx.upload || path))
      throw new UserFacingError(
        'INVALID_INPUT',
        'A file came with the course but was not named as its certificate of attendance. Choose the certificate again.',
      );
    const incoming =
      certificate && incomingKeptFile(ctx, path, certificate, file.path, 'certificate of attendance');
    let id: string;
    try {
      id = await recordTraining(file, actor, training, incoming);
    } finally {
      incoming?.close();
    }
    const recorded = (await listTrainingRecords(file, training.assessorId)).find(
      (record) => record.id === id,
    );
    if (!recorded) throw new Error('The training record just saved could not be read back.');
    return recorded;
  },
  'scheme.exportAttendanceCertificate': async ({ trainingId, path }, ctx) =>
    saveKeptFile(ctx, path, await attendanceCertificate(openScheme(ctx).file, trainingId)),
  'scheme.settings': (_input, ctx) => readSchemeSettings(openScheme(ctx).file),
  'scheme.changeSettings': ({ settings, savedBefore }, ctx) => {
    const { file, actor } = openScheme(ctx);
    return changeSchemeSettings(file, actor, settings, savedBefore);
  },
};
