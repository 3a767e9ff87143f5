import { useRead } from '../../app/operations';

/** The open case: its organisation, standard and who is signed in on this device. */
export function useOpenCase(caseId: string) {
  return useRead('case.get', { caseId });
}

/** Who is signed in to the case on this device, once known (null when nobody is). */
export function useSignedIn(caseId: string) {
  return useOpenCase(caseId).data?.signedIn ?? null;
}

export function useCaseProgress(caseId: string) {
  return useRead('case.progress', { caseId });
}

export function usePanel(caseId: string) {
  return useRead('panel.list', { caseId });
}

/** The standard the case is pinned to: it never changes, so it is read once. */
export function useCaseStandard(caseId: string) {
  return useRead('standard.forCase', { caseId }, { unchanging: true });
}

export function useEvidence(caseId: string) {
  return useRead('evidence.list', { caseId });
}
