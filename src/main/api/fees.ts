import { UserFacingError } from '../../shared/errors';
import type { FeeRates, PdfFile } from '../../shared/api';
import { todayIso } from '../../shared/dates';
import { csvFile } from '../csv';
import type { ApiContext } from './context';
import { incomingKeptFile, saveKeptFile } from './files';
import type { Handlers } from './handler';
import { openScheme } from './scheme-session';

type FeesOperation =
  | 'fees.schedule'
  | 'fees.setSchedule'
  | 'fees.recordClaim'
  | 'fees.claims'
  | 'fees.attachReceipt'
  | 'fees.exportReceipt'
  | 'fees.approve'
  | 'fees.statement'
  | 'fees.invoice'
  | 'fees.csv';

/*
 * Time and fees (src/main/fees). Claims live in the case file; the rates and bank details come
 * from the scheme file open in this app. Until a case records which scheme it belongs to, the open
 * scheme file is the one used; approving or invoicing without one open is refused plainly.
 */

function pdf(fileName: string, bytes: Uint8Array): PdfFile {
  return { fileName, base64: Buffer.from(bytes).toString('base64'), sizeBytes: bytes.length };
}

/** Today's rates when a scheme file with a fee schedule is open here, else none. */
async function ratesIfOpen(ctx: ApiContext): Promise<FeeRates | undefined> {
  const open = ctx.schemeOffice?.openScheme;
  if (!open) return undefined;
  return (await (await import('../scheme')).readFeeSchedule(open.file))?.rates;
}

export const feesHandlers: Pick<Handlers, FeesOperation> = {
  'fees.schedule': async (_input, ctx) => (await import('../scheme')).readFeeSchedule(openScheme(ctx).file),
  'fees.setSchedule': async ({ savedBefore, ...schedule }, ctx) => {
    const { file, actor } = openScheme(ctx);
    return (await import('../scheme')).setFeeSchedule(file, actor, schedule, savedBefore);
  },
  'fees.recordClaim': async ({ claim }, _ctx, scope) => (await import('../fees')).recordClaim(scope, claim),
  'fees.claims': async (_input, ctx, scope) =>
    (await import('../fees')).listClaims(scope, await ratesIfOpen(ctx)),
  'fees.attachReceipt': async ({ expenseId, sizeBytes, path }, ctx, scope) => {
    const fees = await import('../fees');
    const awaited = await fees.awaitedReceipt(scope, expenseId);
    const incoming = incomingKeptFile(
      ctx,
      path,
      { fileName: awaited.fileName, mediaType: awaited.mediaType, sizeBytes: sizeBytes ?? 0 },
      scope.caseFile.path,
      'receipt',
    );
    try {
      return await fees.attachReceipt(scope, expenseId, incoming);
    } finally {
      incoming.close();
    }
  },
  'fees.exportReceipt': async ({ expenseId, path }, ctx, scope) =>
    saveKeptFile(ctx, path, await (await import('../fees')).claimReceipt(scope, expenseId)),
  'fees.approve': async ({ claimId }, ctx, scope) => {
    const schedule = await (await import('../scheme')).requireFeeSchedule(openScheme(ctx).file);
    return (await import('../fees')).approveClaim(scope, claimId, schedule.rates);
  },
  'fees.statement': async ({ memberId }, ctx, scope) => {
    if (scope.actor.role !== 'lead' && scope.actor.memberId !== memberId)
      throw new UserFacingError('FORBIDDEN', 'You can download your own fee statement only.');
    const fees = await import('../fees');
    const open = ctx.schemeOffice?.openScheme;
    const schemeName = open ? (await open.file.details()).schemeName : scope.standard.title;
    const view = await fees.feeStatementView(scope.caseFile, memberId, schemeName, todayIso());
    const bytes = await fees.renderFeeStatement(view, {
      creationDate: new Date(),
      resourcesDir: ctx.runtime.resourcesDir,
    });
    return pdf(`fee-statement-${view.memberName.replace(/[^\p{L}\p{N}]+/gu, '-')}.pdf`, bytes);
  },
  'fees.invoice': async (_input, ctx, scope) => {
    const { file } = openScheme(ctx);
    const scheme = await import('../scheme');
    const schedule = await scheme.requireFeeSchedule(file);
    const fees = await import('../fees');
    const view = await fees.invoiceSummaryView(
      scope.caseFile,
      (await file.details()).schemeName,
      schedule.bank,
      todayIso(),
    );
    const bytes = await fees.renderInvoiceSummary(view, {
      creationDate: new Date(),
      resourcesDir: ctx.runtime.resourcesDir,
    });
    return pdf(`invoice-summary-${view.reference}.pdf`, bytes);
  },
  'fees.csv': async (_input, _ctx, scope) => ({
    fileName: `fees-${scope.caseFile.caseId.slice(0, 8)}.csv`,
    text: csvFile(await (await import('../fees')).feesCsv(scope.caseFile)),
  }),
};
