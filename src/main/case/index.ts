/** Who is asking, about which case: the scope every operation on a case works with. */
export {
  auditLabel,
  caseScope,
  hasActor,
  leadScope,
  type CaseActor,
  type CaseScope,
  type OpenCaseScope,
} from './scope';
export { caseStandard } from './standard';
export { currentCycle } from './cycle';
