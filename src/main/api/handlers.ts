import { appHandlers } from './app';
import { appealHandlers } from './appeals';
import { calibrationHandlers } from './calibration';
import { caseHandlers } from './case';
import { certificateHandlers } from './certificate';
import { evidenceHandlers } from './evidence';
import type { Handlers } from './handler';
import { feesHandlers } from './fees';
import { identityHandlers } from './identity';
import { moderationHandlers } from './moderation';
import { organisationHandlers } from './organisation';
import { outcomeHandlers } from './outcome';
import { panelHandlers } from './panel';
import { registerHandlers } from './register';
import { roomHandlers } from './room';
import { schemeDirectoryHandlers, schemeSessionHandlers } from './scheme';
import { schemeLinkHandlers } from './scheme-link';
import { scoringHandlers } from './scoring';
import { settingsHandlers } from './settings';
import { standardHandlers } from './standard';
import { trustHandlers } from './trust';

/** Every operation of the contract, implemented, in the file named after its prefix. Every transport uses this one object. */
export const handlers: Handlers = {
  ...appHandlers,
  ...settingsHandlers,
  ...caseHandlers,
  ...organisationHandlers,
  ...evidenceHandlers,
  ...standardHandlers,
  ...panelHandlers,
  ...scoringHandlers,
  ...moderationHandlers,
  ...outcomeHandlers,
  ...identityHandlers,
  ...trustHandlers,
  ...certificateHandlers,
  ...roomHandlers,
  ...schemeSessionHandlers,
  ...registerHandlers,
  ...schemeDirectoryHandlers,
  ...schemeLinkHandlers,
  ...calibrationHandlers,
  ...feesHandlers,
  ...appealHandlers,
};
