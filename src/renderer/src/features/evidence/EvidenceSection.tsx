import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { EvidenceItem } from '../../../../shared/api';
import { allCriteria } from '../../../../shared/standard/schema';
import { useCall } from '../../app/client-context';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { Page } from '../../ui/Page';
import { caseKeys, useCaseStandard, useEvidence, useOpenCase } from '../case/useCase';
import { AttachmentControls } from './AttachmentControls';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EvidenceForm } from './EvidenceForm';
import { CONSENT_WORDS, KIND_NAMES } from './evidenceWords';
import { useFocusAfterRender } from '../../ui/formSupport';
import './evidence.css';

type Editing = { mode: 'add' } | { mode: 'edit'; item: EvidenceItem } | null;

/** The evidence register: what the panel has to go on, which criteria each item supports, and consent to quote. */
export function EvidenceSection({ caseId }: { caseId: string }) {
  const call = useCall();
  const queryClient = useQueryClient();
  const openCase = useOpenCase(caseId);
  const evidence = useEvidence(caseId);
  const standard = useCaseStandard(caseId);
  const focusAfterRender = useFocusAfterRender();
  const role = openCase.data?.signedIn?.role;
  const canEdit = role === 'lead' || role === 'assessor' || role === 'co_assessor';
  const isLead = role === 'lead';

  const [editing, setEditing] = useState<Editing>(null);
  const [done, setDone] = useState<string | null>(null);
  const [toRemove, setToRemove] = useState<EvidenceItem | null>(null);

  const remove = useMutation({
    mutationFn: (item: EvidenceItem) => call('evidence.remove', { caseId, evidenceId: item.id }),
    onSuccess: async (_value, item) => {
      await queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) });
      setToRemove(null);
      setDone(`“${item.title}” is removed from the register.`);
      focusAfterRender('register-heading');
    },
  });

  const criterionTitles = useMemo(
    () => new Map((standard.data ? allCriteria(standard.data) : []).map((c) => [c.id, c.title])),
    [standard.data],
  );
  const items = evidence.data ?? [];
  const covered = new Set(items.flatMap((item) => item.criteria));

  const closeForm = (focusKey: string) => {
    setEditing(null);
    focusAfterRender(focusKey);
  };

  return (
    <Page
      title="Evidence"
      intro={
        <p>
          The evidence register: documents, survey results and notes of conversations with people who use the
          service and their families. Link each item to the criteria it supports, and record whether a person
          agreed to be quoted.
        </p>
      }
      actions={
        canEdit && !editing ? (
          <Button
            variant="primary"
            data-focus-key="add-evidence"
            onPress={() => {
              setDone(null);
              setEditing({ mode: 'add' });
            }}
          >
            Add evidence
          </Button>
        ) : undefined
      }
    >
      {done && !editing && <StatusNotice tone="success">{done}</StatusNotice>}
      {editing ? (
        <EvidenceForm
          key={editing.mode === 'edit' ? editing.item.id : 'new'}
          caseId={caseId}
          standard={standard.data}
          {...(editing.mode === 'edit' ? { item: editing.item } : {})}
          onCancel={() => closeForm(editing.mode === 'edit' ? `edit-${editing.item.id}` : 'add-evidence')}
          onSaved={async (saved) => {
            await queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) });
            setDone(
              editing.mode === 'edit'
                ? `The changes to “${saved.title}” are saved.`
                : `“${saved.title}” is added to the register.`,
            );
            closeForm(`edit-${saved.id}`);
          }}
        />
      ) : (
        <section aria-labelledby="register-heading">
          <h2 id="register-heading" data-focus-key="register-heading" tabIndex={-1}>
            The register
          </h2>
          {evidence.isPending && <p role="status">Loading the evidence register…</p>}
          {evidence.isError && (
            <ErrorNotice title="The evidence register could not be shown" message={evidence.error.message} />
          )}
          {standard.isError && (
            <ErrorNotice title="The standard could not be shown" message={standard.error.message} />
          )}
          {evidence.data && items.length === 0 && (
            <p>No evidence yet.{canEdit ? ' Choose “Add evidence” to record the first item.' : ''}</p>
          )}
          {items.length > 0 && (
            <>
              <p className="evidence-summary">
                {items.length} {items.length === 1 ? 'item' : 'items'} of evidence
                {criterionTitles.size > 0 && (
                  <>
                    , supporting {[...covered].filter((id) => criterionTitles.has(id)).length} of{' '}
                    {criterionTitles.size} criteria
                  </>
                )}
                .
              </p>
              <ul className="plain-list evidence-list">
                {items.map((item) => (
                  <li key={item.id} className="evidence-item">
                    <article aria-labelledby={`evidence-${item.id}`}>
                      <h3
                        id={`evidence-${item.id}`}
                        className="evidence-title"
                        tabIndex={-1}
                        data-focus-key={`evidence-${item.id}`}
                      >
                        {item.title}
                      </h3>
                      <dl className="facts evidence-facts">
                        <dt>Kind</dt>
                        <dd>{KIND_NAMES[item.kind]}</dd>
                        <dt>Date</dt>
                        <dd>{item.date ? formatDate(item.date) : 'No date'}</dd>
                        <dt>Source</dt>
                        <dd>{item.source || 'Not given'}</dd>
                        <dt>Supports</dt>
                        <dd>
                          {item.criteria.length === 0 ? (
                            'No criteria linked yet'
                          ) : (
                            <ul className="evidence-criteria">
                              {item.criteria.map((id) => (
                                <li key={id}>
                                  <strong>{id}</strong> {criterionTitles.get(id) ?? ''}
                                </li>
                              ))}
                            </ul>
                          )}
                        </dd>
                        <dt>Consent to quote</dt>
                        <dd>
                          <span className={`consent consent-${item.consent}`}>
                            <span className="consent-symbol" aria-hidden="true">
                              {CONSENT_WORDS[item.consent].symbol}
                            </span>
                            <strong>{CONSENT_WORDS[item.consent].short}.</strong>{' '}
                            {CONSENT_WORDS[item.consent].explanation}
                          </span>
                        </dd>
                        {item.quote && (
                          <>
                            <dt>Quote</dt>
                            <dd>
                              <blockquote className="evidence-quote">{item.quote}</blockquote>
                            </dd>
                          </>
                        )}
                        {item.notes && (
                          <>
                            <dt>Notes</dt>
                            <dd className="evidence-notes">{item.notes}</dd>
                          </>
                        )}
                        <dt>Files</dt>
                        <dd>
                          <AttachmentControls caseId={caseId} evidence={item} />
                        </dd>
                      </dl>
                      {(canEdit || isLead) && (
                        <div className="evidence-actions">
                          {canEdit && (
                            <Button
                              data-focus-key={`edit-${item.id}`}
                              onPress={() => {
                                setDone(null);
                                setEditing({ mode: 'edit', item });
                              }}
                            >
                              Edit <span className="visually-hidden">{item.title}</span>
                            </Button>
                          )}
                          {isLead && (
                            <Button
                              variant="danger"
                              onPress={() => {
                                remove.reset();
                                setDone(null);
                                setToRemove(item);
                              }}
                            >
                              Remove <span className="visually-hidden">{item.title}</span>
                            </Button>
                          )}
                        </div>
                      )}
                    </article>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <ConfirmDialog
        isOpen={toRemove !== null}
        onOpenChange={(open) => {
          if (!open) setToRemove(null);
        }}
        title="Remove this evidence?"
        confirmLabel="Yes, remove it"
        pendingLabel="Removing…"
        variant="danger"
        isPending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => toRemove && remove.mutate(toRemove)}
      >
        <p>
          “<strong>{toRemove?.title}</strong>” and{' '}
          {toRemove?.attachments.length === 1
            ? 'its attached file'
            : `its ${toRemove?.attachments.length ?? 0} attached files`}{' '}
          will be removed from the register. Score sheets that mention it will no longer link to it. This
          cannot be undone.
        </p>
      </ConfirmDialog>
    </Page>
  );
}
