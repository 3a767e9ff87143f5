/** Who is asking, about which case: the scope every operation on a case works with. */
export {
  auditLabel,
  caseScope,
  leadScope,
  type CaseActor,
  type CaseScope,
  type OpenCaseScope,
} from './scope';
export { currentCycle } from './cycle';
export { caseStandard } from './standard';
export { requireUnchangedSince, type FieldNames } from '../changed-elsewhere';
