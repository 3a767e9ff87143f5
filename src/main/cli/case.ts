import { parseArgs } from 'node:util';
import { UserFacingError } from '../../shared/errors';
import { checkHistoryAgainstCertificate, readSignedContent } from '../certificates';
import { decodeQrPayload, type AuditHead } from '../signing';
import { basename, dirname, resolve } from 'node:path';
import { invoke, localApiContext } from '../api';
import { checkCaseFileFully, saveWhatCanBeRead } from '../casefile';
import { nodeRuntime } from '../runtime';
import { requireOne } from './arguments';
import { readCertificateFile } from './certificate-file';
import { EXIT_FAILED, EXIT_OK, UsageError, type Command } from './command';
import { CASE_PASSPHRASE_HELP, casePassphrase, readSecret } from './secrets';

/** The CLI's context: the same API as the app, with the workspace set to the file's folder. */
function contextFor(path: string) {
  return localApiContext(nodeRuntime('cli', { workspaceDir: dirname(resolve(path)) }));
}

export const caseCreateCommand: Command = {
  name: 'case create',
  summary: 'create an encrypted case file',
  usage: [
    'Usage: copanel case create <file.copanel> --organisation NAME --lead NAME --lead-pin-file FILE [--passphrase-file FILE]',
    '',
    'Creates a new encrypted case file with you as its lead assessor.',
    CASE_PASSPHRASE_HELP,
    'The lead’s PIN (4 to 8 digits) comes from --lead-pin-file FILE or COPANEL_LEAD_PIN.',
  ].join('\n'),
  async run(io) {
    const { values, positionals } = parseArgs({
      args: io.args,
      allowPositionals: true,
      options: {
        organisation: { type: 'string' },
        lead: { type: 'string' },
        'lead-pin-file': { type: 'string' },
        'passphrase-file': { type: 'string' },
      },
    });
    const path = resolve(requireOne(positionals, 'case file to create'));
    if (!values.organisation) throw new UsageError('give the organisation’s name with --organisation.');
    if (!values.lead) throw new UsageError('give the lead assessor’s name with --lead.');
    const leadPin = readSecret({
      file: values['lead-pin-file'],
      env: io.env,
      envName: 'COPANEL_LEAD_PIN',
      what: 'lead’s PIN',
      fileOption: '--lead-pin-file',
    });
    const ctx = contextFor(path);
    const opened = await invoke(
      'case.create',
      {
        fileName: basename(path),
        organisationName: values.organisation,
        leadName: values.lead,
        leadPin,
        passphrase: casePassphrase(io, values['passphrase-file']),
      },
      ctx,
    );
    await invoke('case.close', { caseId: opened.caseId }, ctx);
    io.out(`Created ${opened.path}`);
    io.out(
      `Case ${opened.caseId} for ${opened.organisation.name}, assessed against ${opened.standard.id} version ${opened.standard.version}.`,
    );
    return EXIT_OK;
  },
};

export const caseInfoCommand: Command = {
  name: 'case info',
  summary: 'show what a case file holds and where the assessment has got to',
  usage: `Usage: copanel case info <file.copanel> [--passphrase-file FILE] [--json]\n\n${CASE_PASSPHRASE_HELP}`,
  async run(io) {
    const { values, positionals } = parseArgs({
      args: io.args,
      allowPositionals: true,
      options: { 'passphrase-file': { type: 'string' }, json: { type: 'boolean' } },
    });
    const path = resolve(requireOne(positionals, 'case file'));
    const ctx = contextFor(path);
    const opened = await invoke(
      'case.open',
      { path, passphrase: casePassphrase(io, values['passphrase-file']) },
      ctx,
    );
    try {
      const [progress, panel] = await Promise.all([
        invoke('case.progress', { caseId: opened.caseId }, ctx),
        invoke('panel.list', { caseId: opened.caseId }, ctx),
      ]);
      if (values.json) {
        io.out(JSON.stringify({ case: opened, progress, panel }, null, 2));
        return EXIT_OK;
      }
      io.out(`Organisation: ${opened.organisation.name}`);
      io.out(`Case: ${opened.caseId}, created ${opened.createdAt}`);
      io.out(
        `Standard: ${opened.standard.id} version ${opened.standard.version} (fingerprint ${opened.standard.sha256.slice(0, 12)})`,
      );
      io.out(`Panel: ${panel.map((m) => `${m.name} (${m.role})`).join(', ') || 'none yet'}`);
      for (const stage of progress.stages)
        io.out(
          `  ${stage.name.padEnd(11)} ${stage.state.replace(/_/g, ' ').padEnd(12)} ${stage.explanation}`,
        );
      io.out(`Next step: ${progress.nextStep}`);
      return EXIT_OK;
    } finally {
      await invoke('case.close', { caseId: opened.caseId }, ctx);
    }
  },
};

export const caseVerifyAuditCommand: Command = {
  name: 'case verify-audit',
  summary: 'check that a case file’s record of changes has not been altered',
  usage: [
    'Usage: copanel case verify-audit <file.copanel> [--against CERTIFICATE.pdf] [--passphrase-file FILE]',
    '',
    CASE_PASSPHRASE_HELP,
    'With --against, also checks that the record still holds what it held when that certificate was signed',
    '(the certificate carries the record’s newest entry and its number in its signed QR code), so a history',
    'rewritten after the certificate was issued is found. Check the certificate itself with copanel verify.',
    'Exit code 0 when the record is intact, 1 when it was altered.',
  ].join('\n'),
  async run(io) {
    const { values, positionals } = parseArgs({
      args: io.args,
      allowPositionals: true,
      options: { 'passphrase-file': { type: 'string' }, against: { type: 'string' } },
    });
    const path = resolve(requireOne(positionals, 'case file'));
    const anchor = values.against === undefined ? undefined : anchoredAuditHead(values.against);
    const ctx = contextFor(path);
    const opened = await ctx.cases.openFile({
      path,
      passphrase: casePassphrase(io, values['passphrase-file']),
      readOnly: true,
      appVersion: ctx.runtime.version,
    });
    try {
      if (anchor) {
        const history = await checkHistoryAgainstCertificate(opened, anchor.head);
        if (!history.matches) {
          io.err(
            `The record of changes was rewritten after certificate ${anchor.certificateNumber} was issued: ${history.problems.join('; ')}.`,
          );
          return EXIT_FAILED;
        }
        io.out(
          `The record still holds entry ${anchor.head.entries}, the newest when certificate ${anchor.certificateNumber} was signed.`,
        );
        io.out(
          `The record of changes is intact: all ${history.entriesAtSigning + history.entriesSince} entries check out.`,
        );
        return EXIT_OK;
      }
      const result = await opened.verifyAuditChain();
      for (const notice of opened.notices) io.err(notice);
      if (!result.ok) {
        io.err(`The record of changes has been altered at entry ${result.brokenAtSeq}: ${result.reason}`);
        return EXIT_FAILED;
      }
      if (opened.notices.length > 0) return EXIT_FAILED;
      io.out(`The record of changes is intact: all ${result.entries} entries check out.`);
      return EXIT_OK;
    } finally {
      await ctx.cases.close(opened.caseId);
    }
  },
};

/** The audit head a certificate's signed QR payload carries (certificates signed before it was added have none). */
function anchoredAuditHead(pdfPath: string): { head: AuditHead; certificateNumber: string } {
  const keywords = readSignedContent(readCertificateFile(pdfPath)).keywords;
  const payload = keywords === undefined ? undefined : decodeQrPayload(keywords);
  if (!payload)
    throw new UserFacingError(
      'NOT_A_PDF',
      `${basename(pdfPath)} is not a Coproduction Panel certificate: it holds no certificate QR code to check against.`,
    );
  if (!payload.auditHead)
    throw new UserFacingError(
      'INVALID_INPUT',
      `Certificate ${payload.certificateNumber} was signed by an earlier version of Coproduction Panel, before certificates recorded the case file’s record of changes, so there is nothing in it to check against. Run copanel case verify-audit without --against.`,
    );
  return { head: payload.auditHead, certificateNumber: payload.certificateNumber };
}

export const caseCheckCommand: Command = {
  name: 'case check',
  summary: 'check every page, table, attached file and receipt of a case file',
  usage: [
    'Usage: copanel case check <file.copanel> [--passphrase-file FILE] [--save-readable-to NEW.copanel]',
    '',
    'Runs the full check: every page’s tamper seal, every table, and every attached file and receipt read back',
    'against the fingerprint recorded when it was added. The file is only read.',
    'With --save-readable-to, when damage is found, everything that can still be read is saved',
    'to a new case file with the same passphrase.',
    CASE_PASSPHRASE_HELP,
    'Exit code 0 when the file is intact, 1 when it is damaged.',
  ].join('\n'),
  async run(io) {
    const { values, positionals } = parseArgs({
      args: io.args,
      allowPositionals: true,
      options: { 'passphrase-file': { type: 'string' }, 'save-readable-to': { type: 'string' } },
    });
    const path = resolve(requireOne(positionals, 'case file'));
    const passphrase = casePassphrase(io, values['passphrase-file']);
    const report = await checkCaseFileFully(path, passphrase);
    if (report.ok) {
      io.out(report.summary);
      return EXIT_OK;
    }
    io.err(`“${basename(path)}” is damaged:`);
    for (const damage of report.damage) io.err(`  - ${damage.detail}`);
    const rescue = values['save-readable-to'];
    if (!rescue) {
      io.err(
        `Save what can still be read to a new file with: copanel case check ${basename(path)} --save-readable-to NEW.copanel`,
      );
      return EXIT_FAILED;
    }
    const saved = await saveWhatCanBeRead(path, passphrase, resolve(rescue), { actor: 'copanel case check' });
    io.out(saved.summary);
    return EXIT_FAILED;
  },
};
