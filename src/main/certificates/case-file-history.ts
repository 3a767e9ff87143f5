import type { CaseFile } from '../casefile';
import type { AuditHead } from '../signing';

/**
 * Is a case file's history still the one a certificate recorded when it was signed (issue 17)?
 * The certificate's signed QR payload carries the audit head at signing (entries and the newest
 * hash). Anyone with the passphrase can rewrite the file with SQL and recompute the chain so that
 * it checks out; what they cannot do is make the rewritten chain hold the anchored entry. One
 * check for `copanel case verify-audit --against` and the Verify screen given a case file:
 * - the chain itself (every entry follows from the one before, the head where the file says);
 * - the anchored entry is still there with the anchored hash (entries cut, or history rewritten);
 * - what opening checks (audit-record.ts): the append-only triggers are in place, and the
 *   decision and agreed scores are the ones the record of changes shows.
 */

export type CaseFileHistory =
  | { matches: true; entriesAtSigning: number; entriesSince: number }
  | { matches: false; entriesAtSigning: number; problems: string[] };

export async function checkHistoryAgainstCertificate(
  caseFile: CaseFile,
  anchored: AuditHead,
): Promise<CaseFileHistory> {
  const problems: string[] = [];
  const chain = await caseFile.verifyAuditChain();
  if (!chain.ok)
    problems.push(`the record of changes does not check out at entry ${chain.brokenAtSeq}: ${chain.reason}`);
  const anchor = await caseFile.verifyAuditAnchor(anchored);
  if (!anchor.ok) problems.push(anchor.reason);
  problems.push(...(await caseFile.auditRecordProblems()).map((problem) => problem.message));
  if (problems.length > 0 || !chain.ok)
    return { matches: false, entriesAtSigning: anchored.entries, problems };
  return {
    matches: true,
    entriesAtSigning: anchored.entries,
    entriesSince: Math.max(0, chain.entries - anchored.entries),
  };
}
