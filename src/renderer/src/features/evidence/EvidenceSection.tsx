import type { EvidenceItem, EvidencePage } from '../../../../shared/api';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { formatDate } from '../../ui/format';
import { Page } from '../../ui/Page';
import { ReadGate } from '../../ui/ReadGate';
import { RemoveDialog } from '../../ui/RemoveDialog';
import { AttachmentControls } from './AttachmentControls';
import { EvidenceForm } from './EvidenceForm';
import { CONSENT_WORDS, KIND_NAMES } from './evidenceWords';
import { useEvidenceRegister, type EvidenceRegisterState } from './useEvidenceRegister';
import './evidence.css';

/** The evidence register: what the panel has to go on, which criteria each item supports, and consent to quote. */
export function EvidenceSection({ caseId }: { caseId: string }) {
  const register = useEvidenceRegister(caseId);
  const { editing, done, canEdit } = register;
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
            onPress={() => register.openForm({ mode: 'add' })}
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
          standard={register.standard.data}
          {...(register.editingItem ? { item: register.editingItem } : {})}
          onCancel={register.cancelForm}
          onSaved={register.saved}
        />
      ) : (
        <Register caseId={caseId} register={register} />
      )}
      <RemoveDialog
        removal={register.removal}
        title="Remove this evidence?"
        confirmLabel="Yes, remove it"
        pendingLabel="Removing…"
      >
        {(item: EvidenceItem) => (
          <p>
            “<strong>{item.title}</strong>” and{' '}
            {item.attachments.length === 1
              ? 'its attached file'
              : `its ${item.attachments.length} attached files`}{' '}
            will be removed from the register. Score sheets that mention it will no longer link to it. This
            cannot be undone.
          </p>
        )}
      </RemoveDialog>
    </Page>
  );
}

/** The register itself: a search box, how many items there are (read out when it changes), one page of items and the page controls. */
function Register({ caseId, register }: { caseId: string; register: EvidenceRegisterState }) {
  const { evidence, standard, canEdit, query } = register;
  return (
    <section aria-labelledby="register-heading">
      <h2 id="register-heading" data-focus-key="register-heading" tabIndex={-1}>
        The register
      </h2>
      {standard.isError && (
        <ErrorNotice title="The standard could not be shown" message={standard.error.message} />
      )}
      <div className="evidence-search">
        <TextField
          label="Search the evidence"
          description="Words in a title, source, notes or quote. The list below changes as you type."
          type="search"
          value={register.search}
          onChange={register.setSearch}
        />
      </div>
      <p role="status" className="evidence-summary">
        {evidence.data ? registerSummary(evidence.data, query) : ''}
      </p>
      <ReadGate
        reads={[evidence]}
        loading="Loading the evidence register…"
        failedTitle="The evidence register could not be shown"
      >
        {(page) =>
          page.total === 0 ? (
            query ? (
              <p>Try fewer or other words, or clear the search to see the whole register.</p>
            ) : (
              <p>No evidence yet.{canEdit ? ' Choose “Add evidence” to record the first item.' : ''}</p>
            )
          ) : (
            <>
              <ul className="plain-list evidence-list">
                {page.items.map((item) => (
                  <li key={item.id} className="evidence-item">
                    <EvidenceCard caseId={caseId} item={item} register={register} />
                  </li>
                ))}
              </ul>
              <PageControls register={register} />
            </>
          )
        }
      </ReadGate>
    </section>
  );
}

/** "Showing 21–40 of 134 items of evidence", or how many match a search. */
function registerSummary(page: EvidencePage, query: string): string {
  const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;
  if (page.total === 0) return query ? `No evidence matches “${query}”.` : 'The register is empty.';
  const shown =
    page.total <= page.limit
      ? ''
      : ` Showing ${page.offset + 1}–${Math.min(page.offset + page.items.length, page.total)}.`;
  return query
    ? `${items(page.total)} of evidence ${page.total === 1 ? 'matches' : 'match'} “${query}”.${shown}`
    : `${items(page.total)} of evidence.${shown}`;
}

/** Previous and next page, and where this page is; nothing when everything fits on one page. */
function PageControls({ register }: { register: EvidenceRegisterState }) {
  const { pageIndex, pageCount } = register;
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages of the register" className="evidence-pages">
      <Button isDisabled={pageIndex === 0} onPress={() => register.showPage(pageIndex - 1)}>
        Previous page
      </Button>
      <span>
        Page {pageIndex + 1} of {pageCount}
      </span>
      <Button isDisabled={pageIndex >= pageCount - 1} onPress={() => register.showPage(pageIndex + 1)}>
        Next page
      </Button>
    </nav>
  );
}

/** One item of evidence: its facts, its files, and Edit / Remove for those who may. */
function EvidenceCard({
  caseId,
  item,
  register,
}: {
  caseId: string;
  item: EvidenceItem;
  register: EvidenceRegisterState;
}) {
  const { canEdit, isLead } = register;
  return (
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
        <EvidenceFacts item={item} criterionTitles={register.criterionTitles} />
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
              onPress={() => register.openForm({ mode: 'edit', item })}
            >
              Edit <span className="visually-hidden">{item.title}</span>
            </Button>
          )}
          {isLead && (
            <Button variant="danger" onPress={() => register.askToRemove(item)}>
              Remove <span className="visually-hidden">{item.title}</span>
            </Button>
          )}
        </div>
      )}
    </article>
  );
}

/** Kind, date, source, the criteria it supports, consent to quote, the quote and notes. */
function EvidenceFacts({
  item,
  criterionTitles,
}: {
  item: EvidenceItem;
  criterionTitles: Map<string, string>;
}) {
  const consent = CONSENT_WORDS[item.consent];
  return (
    <>
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
            {consent.symbol}
          </span>
          <strong>{consent.short}.</strong> {consent.explanation}
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
    </>
  );
}
