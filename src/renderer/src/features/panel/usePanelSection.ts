import { useState } from 'react';
import type { PanelMember } from '../../../../shared/api';
import { useChange } from '../../app/operations';
import { useFocusAfterRender } from '../../ui/formSupport';
import { useRemoval } from '../../ui/RemoveDialog';
import { useCaseProgress, usePanel, useSignedIn } from '../case/useCase';

/** Which form is open on the panel screen: adding a member, or one of a member's forms. */
export type PanelForm = { kind: 'add' } | { kind: 'edit' | 'pin' | 'decide'; memberId: string } | null;

/**
 * The panel screen's data and what happens on it: who is on the panel and who is asking, which form
 * is open, the last thing done (said politely, with focus moved to where it happened), opening
 * scoring and removing a member.
 */
export function usePanelSection(caseId: string) {
  const panel = usePanel(caseId);
  const progress = useCaseProgress(caseId);
  const signedIn = useSignedIn(caseId);
  const focusAfterRender = useFocusAfterRender();
  const [form, setForm] = useState<PanelForm>(null);
  const [done, setDone] = useState<string | null>(null);

  /** A form or removal finished: close the form, say what happened, and put focus back where it belongs. */
  const finish = (message: string, focusKey: string) => {
    setForm(null);
    setDone(message);
    focusAfterRender(focusKey);
  };
  const openScoring = useChange('scoring.open', {
    onSuccess: () =>
      setDone('Scoring is open. Each member signs in with their own PIN and scores on their own.'),
  });
  const removal = useRemoval('panel.removeMember', {
    input: (member: PanelMember) => ({ caseId, memberId: member.id }),
    onRemoved: (member) => finish(`${member.name} is removed from the panel.`, 'members-heading'),
  });
  const members = panel.data ?? [];

  return {
    panel,
    members,
    me: members.find((m) => m.id === signedIn?.memberId),
    signedIn,
    isLead: signedIn?.role === 'lead',
    progress,
    beforeScoring: progress.data?.phase === 'preparing',
    form,
    done,
    finish,
    openScoring,
    removal,
    /** Opens a form in place of the buttons that lead to it. */
    openForm(next: PanelForm) {
      setDone(null);
      openScoring.reset();
      setForm(next);
    },
    /** Leaves a form without saving; focus goes back to the button that opened it. */
    cancelForm(focusKey: string) {
      setForm(null);
      focusAfterRender(focusKey);
    },
    askToRemove(member: PanelMember) {
      setDone(null);
      removal.ask(member);
    },
    clearDone: () => setDone(null),
  };
}

export type PanelSectionState = ReturnType<typeof usePanelSection>;
