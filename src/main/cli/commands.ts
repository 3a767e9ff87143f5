import type { Command } from './command';
import { infoCommand } from './info';
import { caseCheckCommand, caseCreateCommand, caseInfoCommand, caseVerifyAuditCommand } from './case';
import { demoCommand } from './demo';
import { schemeInitCommand, schemeIssueCommand, schemeRevokeCommand } from './scheme';
import { verifyCommand } from './verify';

/** Every `copanel` command. Later capabilities add theirs here. */
export const commands: Command[] = [
  infoCommand,
  caseCreateCommand,
  caseInfoCommand,
  caseVerifyAuditCommand,
  caseCheckCommand,
  schemeInitCommand,
  schemeIssueCommand,
  schemeRevokeCommand,
  verifyCommand,
  demoCommand,
];
