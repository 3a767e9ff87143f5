import { readFileSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { RegisterFile } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { unusableFile } from '../../shared/file-words';
import { readSchemeRootsFromInput, trustedRoots } from '../certificates';
import {
  addRegisterCondition,
  dueSoon,
  exportRegister,
  importCertificatePdf,
  importIssuedCertificates,
  listRegister,
  londonDate,
  meetRegisterCondition,
  mergeRegister,
  searchRegister,
  recordRegisterEvent,
  registerEntry,
  registerRevocationList,
  reminderFor,
  reminderLetterView,
  remindersIcs,
  setOrganisationContact,
} from '../register';
import { runtimeNow } from '../runtime';
import { loadSchemeRoot, PDF_LIMITS } from '../signing';
import { bytesOf, localFile } from './files';
import type { Handlers } from './handler';
import { openScheme } from './scheme-session';
import type { ApiContext } from './context';

type RegisterOperation =
  | 'register.list'
  | 'register.importCertificate'
  | 'register.importFromCase'
  | 'register.record'
  | 'register.addCondition'
  | 'register.meetCondition'
  | 'register.merge'
  | 'register.setContact'
  | 'register.dueSoon'
  | 'register.reminderLetter'
  | 'register.dueCalendar'
  | 'register.revocationList'
  | 'register.export';

/** How far ahead "Due soon" looks unless asked otherwise (the CLI's `register due` default too). */
const DUE_SOON_WITHIN_DAYS = 90;

/**
 * The certificate's bytes from an upload (browser mode), a chosen file (desktop app) or base64,
 * refused first, in the words every file door uses, when empty or larger than the verifier reads.
 * An upload is kept up to that limit and the rest drained unread but counted, so a huge file costs
 * no memory and the refusal names its real size.
 */
async function certificateBytes(
  ctx: ApiContext,
  input: { fileName: string; base64?: string | undefined; path?: string | undefined },
): Promise<Uint8Array> {
  const { bytes, sizeBytes } = await certificateFile(ctx, input);
  const problem = unusableFile(
    { name: input.fileName, size: sizeBytes },
    'a certificate',
    PDF_LIMITS.fileBytes,
  );
  if (problem) throw new UserFacingError(sizeBytes === 0 ? 'NOT_A_PDF' : 'PDF_NOT_SUPPORTED', problem);
  return bytes;
}

/** The bytes as far as the verifier reads (none of a file on disk over the limit), and the real size. */
async function certificateFile(
  ctx: ApiContext,
  input: { base64?: string | undefined; path?: string | undefined },
): Promise<{ bytes: Uint8Array; sizeBytes: number }> {
  if (ctx.upload) return readBounded(ctx.upload, PDF_LIMITS.fileBytes);
  if (input.base64 !== undefined) {
    const bytes = bytesOf(input.base64);
    return { bytes, sizeBytes: bytes.length };
  }
  const path = localFile(ctx, input.path);
  try {
    const onDisk = statSync(path).size;
    if (onDisk > PDF_LIMITS.fileBytes) return { bytes: new Uint8Array(), sizeBytes: onDisk };
    const bytes = readFileSync(path);
    return { bytes, sizeBytes: bytes.length };
  } catch {
    throw new UserFacingError('NOT_FOUND', 'The certificate could not be read. Choose it again.');
  }
}

/** Keeps the first `limit` bytes of a stream and counts the rest as it drains them. */
async function readBounded(
  stream: Readable,
  limit: number,
): Promise<{ bytes: Uint8Array; sizeBytes: number }> {
  const pieces: Buffer[] = [];
  let sizeBytes = 0;
  for await (const piece of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
    if (sizeBytes < limit) pieces.push(bytes.subarray(0, limit - sizeBytes));
    sizeBytes += bytes.length;
  }
  return { bytes: sizeBytes > limit ? new Uint8Array() : Buffer.concat(pieces), sizeBytes };
}

/** The scheme root from its certificate and encrypted key, as the screens send them. */
function schemeRootOf(input: { rootCertificateBase64: string; rootKeyBase64: string }) {
  return loadSchemeRoot({
    certificatePem: bytesOf(input.rootCertificateBase64).toString('utf8'),
    encryptedKeyPem: bytesOf(input.rootKeyBase64).toString('utf8'),
  });
}

function fileOf(fileName: string, mediaType: string, bytes: Uint8Array | string): RegisterFile {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  return { fileName, mediaType, base64: buffer.toString('base64'), sizeBytes: buffer.length };
}

/** The register of certificates in the open scheme file (src/main/register); every change audited there. */
export const registerHandlers: Pick<Handlers, RegisterOperation> = {
  'register.list': async ({ onDate, query, states, offset, limit }, ctx) => {
    const asOf = onDate ?? londonDate(runtimeNow(ctx.runtime));
    const page = await searchRegister(openScheme(ctx).file, {
      today: asOf,
      ...(query !== undefined ? { query } : {}),
      ...(states !== undefined ? { states } : {}),
      ...(offset !== undefined ? { offset } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    return { asOf, ...page };
  },
  'register.merge': async ({ registerBase64, signatureBase64, trustedRootBase64 }, ctx) => {
    const open = openScheme(ctx);
    return mergeRegister(open.file, {
      json: bytesOf(registerBase64),
      signature: bytesOf(signatureBase64),
      trustedRoots: readSchemeRootsFromInput(bytesOf(trustedRootBase64)),
      actor: open.actor,
      now: runtimeNow(ctx.runtime),
    });
  },
  'register.importCertificate': async ({ fileName, base64, path }, ctx) => {
    const open = openScheme(ctx);
    return importCertificatePdf(open.file, {
      pdf: await certificateBytes(ctx, { fileName, base64, path }),
      trustedRoots: trustedRoots(ctx.runtime.userDataDir),
      actor: open.actor,
      now: runtimeNow(ctx.runtime),
    });
  },
  'register.importFromCase': async (_input, ctx, scope) => {
    const open = openScheme(ctx);
    return importIssuedCertificates(open.file, scope.caseFile, {
      trustedRoots: trustedRoots(ctx.runtime.userDataDir),
      actor: open.actor,
      now: runtimeNow(ctx.runtime),
    });
  },
  'register.record': async ({ certificateNumber, kind, onDate, reason, supersededBy }, ctx) => {
    const open = openScheme(ctx);
    const now = runtimeNow(ctx.runtime);
    return recordRegisterEvent(open.file, {
      certificateNumber,
      kind,
      onDate: onDate ?? londonDate(now),
      ...(reason !== undefined ? { reason } : {}),
      ...(supersededBy !== undefined ? { supersededBy } : {}),
      actor: open.actor,
      now,
    });
  },
  'register.addCondition': async ({ certificateNumber, condition, dueOn }, ctx) => {
    const open = openScheme(ctx);
    return addRegisterCondition(open.file, {
      certificateNumber,
      condition,
      dueOn,
      actor: open.actor,
      now: runtimeNow(ctx.runtime),
    });
  },
  'register.meetCondition': async ({ conditionId, metOn, note }, ctx) => {
    const open = openScheme(ctx);
    const now = runtimeNow(ctx.runtime);
    return meetRegisterCondition(open.file, {
      conditionId,
      metOn: metOn ?? londonDate(now),
      ...(note !== undefined ? { note } : {}),
      actor: open.actor,
      now,
    });
  },
  'register.setContact': async ({ organisation, contact, savedBefore }, ctx) => {
    const open = openScheme(ctx);
    return setOrganisationContact(open.file, {
      organisation,
      contact,
      ...(savedBefore && { savedBefore }),
      actor: open.actor,
      now: runtimeNow(ctx.runtime),
    });
  },
  'register.dueSoon': async ({ withinDays = DUE_SOON_WITHIN_DAYS }, ctx) => {
    const asOf = londonDate(runtimeNow(ctx.runtime));
    const entries = await listRegister(openScheme(ctx).file, asOf);
    return { asOf, withinDays, reminders: dueSoon(entries, asOf, withinDays) };
  },
  'register.reminderLetter': async ({ certificateNumber, kind, conditionId }, ctx) => {
    const open = openScheme(ctx);
    const now = runtimeNow(ctx.runtime);
    const today = londonDate(now);
    const entry = await registerEntry(open.file, certificateNumber, today);
    const reminder = reminderFor(entry, today, kind, conditionId);
    const { schemeName } = await open.file.details();
    const { renderReminderLetter } = await import('../documents');
    const pdf = await renderReminderLetter(reminderLetterView(reminder, entry, schemeName, today), {
      creationDate: now,
      resourcesDir: ctx.runtime.resourcesDir,
    });
    return {
      fileName: `reminder-${reminder.kind.replace('_', '-')}-${entry.certificateNumber}.pdf`,
      base64: pdf.toString('base64'),
      sizeBytes: pdf.length,
    };
  },
  'register.dueCalendar': async ({ withinDays = DUE_SOON_WITHIN_DAYS }, ctx) => {
    const open = openScheme(ctx);
    const now = runtimeNow(ctx.runtime);
    const today = londonDate(now);
    const reminders = dueSoon(await listRegister(open.file, today), today, withinDays);
    const { schemeName } = await open.file.details();
    return fileOf('due-soon.ics', 'text/calendar', remindersIcs(reminders, schemeName, now));
  },
  'register.revocationList': async (input, ctx) => {
    const open = openScheme(ctx);
    const list = await registerRevocationList(
      open.file,
      schemeRootOf(input),
      input.rootPassphrase,
      runtimeNow(ctx.runtime),
    );
    const bytes = Buffer.from(list.pem, 'utf8');
    return {
      fileName: 'revocations.crl.pem',
      base64: bytes.toString('base64'),
      sizeBytes: bytes.length,
      listed: list.listed,
    };
  },
  'register.export': async (input, ctx) => {
    const open = openScheme(ctx);
    const exported = await exportRegister(
      open.file,
      schemeRootOf(input),
      input.rootPassphrase,
      runtimeNow(ctx.runtime),
      ctx.runtime.resourcesDir,
    );
    return {
      entries: exported.entries,
      files: exported.files.map(({ fileName, mediaType, bytes }) => fileOf(fileName, mediaType, bytes)),
    };
  },
};
