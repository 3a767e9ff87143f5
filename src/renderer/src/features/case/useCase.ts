import { useQuery } from '@tanstack/react-query';
import { useCall } from '../../app/client-context';

/** Query keys for one case: everything about it is refreshed together after a change. */
export const caseKeys = {
  all: (caseId: string) => ['case', caseId] as const,
  get: (caseId: string) => ['case', caseId, 'get'] as const,
  progress: (caseId: string) => ['case', caseId, 'progress'] as const,
  panel: (caseId: string) => ['case', caseId, 'panel'] as const,
  evidence: (caseId: string) => ['case', caseId, 'evidence'] as const,
  standard: (caseId: string) => ['case', caseId, 'standard'] as const,
  mySheet: (caseId: string, memberId: string) => ['case', caseId, 'sheet', memberId] as const,
  moderation: (caseId: string) => ['case', caseId, 'moderation'] as const,
  outcomePreview: (caseId: string) => ['case', caseId, 'outcome-preview'] as const,
  outcome: (caseId: string) => ['case', caseId, 'outcome'] as const,
  certificates: (caseId: string) => ['case', caseId, 'certificates'] as const,
};

export function useOpenCase(caseId: string) {
  const call = useCall();
  return useQuery({ queryKey: caseKeys.get(caseId), queryFn: () => call('case.get', { caseId }) });
}

export function useCaseProgress(caseId: string) {
  const call = useCall();
  return useQuery({ queryKey: caseKeys.progress(caseId), queryFn: () => call('case.progress', { caseId }) });
}

export function usePanel(caseId: string) {
  const call = useCall();
  return useQuery({ queryKey: caseKeys.panel(caseId), queryFn: () => call('panel.list', { caseId }) });
}

export function useCaseStandard(caseId: string) {
  const call = useCall();
  return useQuery({
    queryKey: caseKeys.standard(caseId),
    queryFn: () => call('standard.forCase', { caseId }),
    staleTime: Infinity,
  });
}

export function useEvidence(caseId: string) {
  const call = useCall();
  return useQuery({ queryKey: caseKeys.evidence(caseId), queryFn: () => call('evidence.list', { caseId }) });
}
