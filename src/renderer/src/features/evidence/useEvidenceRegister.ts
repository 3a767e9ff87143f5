import { useMemo, useState } from 'react';
import type { EvidenceItem } from '../../../../shared/api';
import { allCriteria } from '../../../../shared/standard';
import { useFocusAfterRender } from '../../ui/formSupport';
import { useRemoval } from '../../ui/RemoveDialog';
import { useCaseStandard, useEvidence, useSignedIn } from '../case/useCase';

/** Whether the register shows the form, and for which item. */
export type EvidenceEditing = { mode: 'add' } | { mode: 'edit'; item: EvidenceItem } | null;

/**
 * The evidence register's data and what happens on it: the items, the criteria they support, who may
 * add, edit and remove, the form that is open, the last thing done (with focus moved to it), and
 * removing an item.
 */
export function useEvidenceRegister(caseId: string) {
  const evidence = useEvidence(caseId);
  const standard = useCaseStandard(caseId);
  const role = useSignedIn(caseId)?.role;
  const focusAfterRender = useFocusAfterRender();
  const [editing, setEditing] = useState<EvidenceEditing>(null);
  const [done, setDone] = useState<string | null>(null);
  const removal = useRemoval('evidence.remove', {
    input: (item: EvidenceItem) => ({ caseId, evidenceId: item.id }),
    onRemoved: (item) => {
      setDone(`“${item.title}” is removed from the register.`);
      focusAfterRender('register-heading');
    },
  });
  const criterionTitles = useMemo(
    () => new Map((standard.data ? allCriteria(standard.data) : []).map((c) => [c.id, c.title])),
    [standard.data],
  );
  const closeForm = (focusKey: string) => {
    setEditing(null);
    focusAfterRender(focusKey);
  };

  return {
    evidence,
    standard,
    criterionTitles,
    canEdit: role === 'lead' || role === 'assessor' || role === 'co_assessor',
    isLead: role === 'lead',
    editing,
    done,
    removal,
    openForm(next: Exclude<EvidenceEditing, null>) {
      setDone(null);
      setEditing(next);
    },
    /** The form was left: focus goes back to the button that opened it. */
    cancelForm() {
      closeForm(editing?.mode === 'edit' ? `edit-${editing.item.id}` : 'add-evidence');
    },
    /** The form saved: say so, and put focus on the item's Edit button. */
    saved(item: EvidenceItem) {
      setDone(
        editing?.mode === 'edit'
          ? `The changes to “${item.title}” are saved.`
          : `“${item.title}” is added to the register.`,
      );
      closeForm(`edit-${item.id}`);
    },
    askToRemove(item: EvidenceItem) {
      setDone(null);
      removal.ask(item);
    },
  };
}

export type EvidenceRegisterState = ReturnType<typeof useEvidenceRegister>;
