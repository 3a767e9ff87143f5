import { useMemo, useState } from 'react';
import type { EvidenceItem } from '../../../../shared/api';
import { allCriteria } from '../../../../shared/standard';
import { useRead } from '../../app/operations';
import { useFocusAfterRender } from '../../ui/formSupport';
import { useRemoval } from '../../ui/RemoveDialog';
import { useDebounced } from '../../ui/useDebounced';
import { useCaseStandard, useSignedIn } from '../case/useCase';

/** How many items of evidence one page of the register shows. */
const EVIDENCE_PAGE_SIZE = 20;

/**
 * One page of the register, searched in the case file (evidence.page): what was typed in the
 * search box (asked once typing pauses), which page, and the page back from the app.
 */
function useEvidencePage(caseId: string) {
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 300);
  const [pageIndex, setPageIndex] = useState(0);
  const evidence = useRead(
    'evidence.page',
    {
      caseId,
      ...(query ? { query } : {}),
      offset: pageIndex * EVIDENCE_PAGE_SIZE,
      limit: EVIDENCE_PAGE_SIZE,
    },
    { keepPreviousWhileAsking: true },
  );
  const total = evidence.data?.total;
  const pageCount = Math.max(1, Math.ceil((total ?? 0) / EVIDENCE_PAGE_SIZE));
  // After a removal empties the last page, show the page before it (state adjusted while rendering).
  if (total !== undefined && pageIndex >= pageCount) setPageIndex(pageCount - 1);
  return {
    evidence,
    search,
    /** The search as asked (after typing paused). */
    query,
    setSearch(text: string) {
      setSearch(text);
      setPageIndex(0);
    },
    pageIndex,
    pageCount,
    setPageIndex,
  };
}

/** Whether the register shows the form, and for which item. */
export type EvidenceEditing = { mode: 'add' } | { mode: 'edit'; item: EvidenceItem } | null;

/**
 * The evidence register's data and what happens on it: the items, the criteria they support, who may
 * add, edit and remove, the form that is open, the last thing done (with focus moved to it), and
 * removing an item.
 */
export function useEvidenceRegister(caseId: string) {
  const paging = useEvidencePage(caseId);
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
    ...paging,
    /** Shows another page, and puts focus on the register's heading, above its first item. */
    showPage(index: number) {
      paging.setPageIndex(index);
      focusAfterRender('register-heading');
    },
    standard,
    criterionTitles,
    canEdit: role === 'lead' || role === 'assessor' || role === 'co_assessor',
    isLead: role === 'lead',
    editing,
    /** The item being edited as the register shows it now (after a refusal, what is saved), or as it was opened. */
    editingItem:
      editing?.mode === 'edit'
        ? (paging.evidence.data?.items.find((item) => item.id === editing.item.id) ?? editing.item)
        : undefined,
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
