import { useEffect, useState, useSyncExternalStore } from 'react';
import type { EvidenceItem, PanelMember, SignedInMember } from '../../../shared/api';
import type { Standard } from '../../../shared/standard';
import { useDisplaySettings, TEXT_SIZES, type TextSize } from '../app/display-settings';
import { useChange, useRead } from '../app/operations';
import { DeclarationForm } from '../features/panel/MemberForms';
import { SignInPanel } from '../features/case/SignInPanel';
import { CONSENT_WORDS, KIND_NAMES } from '../features/evidence/evidenceWords';
import { MODERATION_PHASES, ModerationInProgress, tookPart } from '../features/moderation/ModerationSection';
import { SheetByStatus } from '../features/scoring/ScoringSection';
import { Button } from '../ui/Button';
import { ChoiceGroup } from '../ui/fields';
import { StatusNotice } from '../ui/feedback';
import { formatBytes, formatDate } from '../ui/format';
import { Page } from '../ui/Page';
import { ReadGate } from '../ui/ReadGate';
import { useWarnBeforeLeaving } from '../ui/leaveWarning';
import { AttachmentViewer, VIEWING_RULES, whyNotViewable } from './AttachmentViewer';
import { SCORING_NOT_OPEN_YET } from '../../../shared/room/stages';
import {
  KEPT_MESSAGE,
  ROOM_CLOSED,
  type KeptForOther,
  type MemberState,
  type RoomMemberConnection,
} from './connection';
import { ForgottenPin, ForgottenPinOffer, type ForgettingMember } from './ForgottenPin';
import '../features/scoring/scoring.css';
import '../features/moderation/moderation.css';
import './room-member.css';

type Part = 'conflicts' | 'scoring' | 'standard' | 'evidence' | 'moderation';

const PART_NAMES: Record<Part, string> = {
  conflicts: 'Conflicts of interest',
  scoring: 'Score',
  standard: 'The standard',
  evidence: 'Evidence',
  moderation: 'Moderation',
};

function useMemberState(connection: RoomMemberConnection): MemberState {
  return useSyncExternalStore(
    (listener) => connection.subscribe(listener),
    () => connection.current(),
  );
}

/** The member pages: join, sign in, then declare, read, score, submit and take part in moderation. */
export function RoomMemberApp({ connection }: { connection: RoomMemberConnection }) {
  const state = useMemberState(connection);
  const caseId = connection.caseId;
  // Closing the tab with answers not yet sent (kept on the device, or still saving) asks first.
  useWarnBeforeLeaving();
  if (state.closed) return <RoomClosed keptCriteria={state.kept > 0 ? connection.keptCriteria() : []} />;
  return (
    <div className="room-member">
      <header className="room-member-header">
        <p className="room-member-title">Panel room</p>
        {state.signedIn && <SignOut caseId={caseId} member={state.signedIn} />}
      </header>
      <ConnectionStatus state={state} />
      <KeptForOthers kept={state.keptForOthers} />
      {state.notice && (
        <div role="alert" className="notice notice-info room-member-notice">
          <p>{state.notice}</p>
          <Button onPress={() => connection.dismissNotice()}>OK</Button>
        </div>
      )}
      <main className="room-member-main">
        {state.signedIn ? (
          <SignedIn
            key={state.signedIn.memberId}
            caseId={caseId}
            member={state.signedIn}
            phase={state.phase}
            outOfTouch={state.outOfTouch}
          />
        ) : (
          <RoomSignIn caseId={caseId} connection={connection} />
        )}
      </main>
      <DisplayChoices />
    </div>
  );
}

/** Signing in with a PIN; a member who forgot theirs asks for a new one from this device, if it is theirs. */
function RoomSignIn({ caseId, connection }: { caseId: string; connection: RoomMemberConnection }) {
  const [forgetting, setForgetting] = useState<ForgettingMember | null>(null);
  if (forgetting) {
    return <ForgottenPin connection={connection} member={forgetting} onBack={() => setForgetting(null)} />;
  }
  return (
    <SignInPanel
      caseId={caseId}
      forgottenPin={(member) => (
        <ForgottenPinOffer connection={connection} member={member} onAsk={() => setForgetting(member)} />
      )}
    />
  );
}

/**
 * The lead closed the room and this device heard it: said plainly, with what was kept on this
 * device. A new room has a new address, whose pages cannot read what this page kept, so the member
 * is told which answers to give again.
 */
function RoomClosed({ keptCriteria }: { keptCriteria: string[] }) {
  const count = keptCriteria.length;
  return (
    <div className="room-member">
      <header className="room-member-header">
        <p className="room-member-title">Panel room</p>
      </header>
      <main className="room-member-main">
        <Page title="The panel room is closed">
          <StatusNotice>{ROOM_CLOSED}</StatusNotice>
          {count > 0 && (
            <p>
              {count === 1 ? 'Your answer' : 'Your answers'} for {keptCriteria.join(', ')} did not reach the
              room before it closed. {count === 1 ? 'It is' : 'They are'} kept on this phone, locked, while
              this page stays open, but a new room cannot collect {count === 1 ? 'it' : 'them'}: give{' '}
              {count === 1 ? 'that answer' : 'those answers'} again when you join the new room.
            </p>
          )}
          <p>To carry on, ask the lead assessor to open the room again, then scan its new QR code.</p>
        </Page>
      </main>
      <DisplayChoices />
    </div>
  );
}

/** Whether the room can be reached, and what is kept on this device meanwhile. */
function ConnectionStatus({ state }: { state: MemberState }) {
  const words = !state.reachable
    ? `No connection to the room${state.outOfTouch ? ' for 2 minutes: the lead assessor may have closed it, or this device is off the room’s Wi-Fi' : ''}. ${state.kept > 0 ? `${answers(state.kept)} ${KEPT_MESSAGE.replace('Kept', 'kept')}` : 'Your answers are kept on this device until it is back.'}`
    : state.kept > 0
      ? `${answers(state.kept)} ${KEPT_MESSAGE.replace('Kept', 'kept')}`
      : '';
  return (
    <p role="status" className={words ? 'notice notice-info room-member-connection' : 'visually-hidden'}>
      {words}
    </p>
  );
}

/**
 * Answers typed on this device by members not signed in here now: said plainly, by name, so the
 * member signed in knows they are not theirs and will never be sent as theirs.
 */
function KeptForOthers({ kept }: { kept: KeptForOther[] }) {
  if (kept.length === 0) return null;
  return (
    <div className="notice notice-info room-member-connection">
      {kept.map(({ memberId, name, criteria }) => (
        <p key={memberId}>
          {name}’s {criteria.length === 1 ? 'answer' : 'answers'} for {criteria.join(', ')}{' '}
          {criteria.length === 1 ? 'has' : 'have'} not reached the room.{' '}
          {criteria.length === 1 ? 'It is' : 'They are'} kept on this device, locked, and sent only when{' '}
          {name} signs in here again, never as anyone else.
        </p>
      ))}
    </div>
  );
}

function answers(count: number): string {
  return count === 1 ? '1 answer' : `${count} answers`;
}

function SignOut({ caseId, member }: { caseId: string; member: SignedInMember }) {
  const signOut = useChange('panel.signOut');
  return (
    <div className="room-member-who">
      <span>{member.name}</span>
      <Button onPress={() => signOut.mutate({ caseId })} isPending={signOut.isPending}>
        Sign out
      </Button>
    </div>
  );
}

function SignedIn({
  caseId,
  member,
  phase,
  outOfTouch,
}: {
  caseId: string;
  member: SignedInMember;
  /** Where the assessment has got to, as the connection last heard from the room (null: not yet). */
  phase: string | null;
  /** The room has been out of reach for a while: what it showed of the others is hidden. */
  outOfTouch: boolean;
}) {
  const moderation = phase !== null && MODERATION_PHASES.has(phase);
  const panel = useRead('panel.list', { caseId });
  const me = panel.data?.find((m) => m.id === member.memberId);
  const [chosen, setChosen] = useState<Part | null>(null);
  const [thanks, setThanks] = useState<string | null>(null);
  const part: Part =
    chosen ?? (me?.conflict.status === 'not_declared' ? 'conflicts' : moderation ? 'moderation' : 'scoring');
  const parts: Part[] = [
    'conflicts',
    'scoring',
    'standard',
    'evidence',
    ...(moderation ? ['moderation' as const] : []),
  ];
  return (
    <>
      <nav aria-label="Panel room" className="room-member-nav">
        <ul>
          {parts.map((p) => (
            <li key={p}>
              <button
                type="button"
                className="room-member-nav-link"
                aria-current={p === part ? 'page' : undefined}
                onClick={() => {
                  setThanks(null);
                  setChosen(p);
                }}
              >
                {PART_NAMES[p]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {thanks && <StatusNotice tone="success">{thanks}</StatusNotice>}
      <ReadGate reads={[panel]} loading="Loading…" page={PART_NAMES[part]}>
        {(members) => (
          <Part
            part={part}
            outOfTouch={outOfTouch}
            caseId={caseId}
            member={member}
            me={members.find((m) => m.id === member.memberId)}
            members={members}
            phase={phase}
            onDeclared={(message) => {
              setThanks(message);
              setChosen('scoring');
            }}
          />
        )}
      </ReadGate>
    </>
  );
}

function Part({
  part,
  outOfTouch,
  caseId,
  member,
  me,
  members,
  phase,
  onDeclared,
}: {
  part: Part;
  outOfTouch: boolean;
  caseId: string;
  member: SignedInMember;
  me: PanelMember | undefined;
  members: PanelMember[];
  phase: string | null;
  onDeclared: (message: string) => void;
}) {
  switch (part) {
    case 'conflicts':
      return (
        <Page title="Conflicts of interest">
          {me ? <DeclarationForm caseId={caseId} member={me} onDone={onDeclared} /> : null}
        </Page>
      );
    case 'scoring':
      return <MemberScoring caseId={caseId} member={member} members={members} phase={phase} />;
    case 'standard':
      return <StandardToRead caseId={caseId} />;
    case 'evidence':
      return <EvidenceToRead caseId={caseId} member={member} />;
    case 'moderation':
      // Everyone's scores and reasons are shown only while the room answers: a room closed with the
      // case file (or a phone left on the table) stops showing them.
      return outOfTouch ? (
        <Page title="Moderation">
          <StatusNotice>
            The room has not answered for a while, so the moderation and everyone’s scores are hidden. They
            come back when the room does. If the lead assessor has closed the room, ask for its new QR code.
          </StatusNotice>
        </Page>
      ) : (
        <MemberModeration caseId={caseId} member={member} members={members} />
      );
  }
}

/** The member's own sheet: the same score sheet, autosave and submit as on the lead's computer. */
function MemberScoring({
  caseId,
  member,
  members,
  phase,
}: {
  caseId: string;
  member: SignedInMember;
  members: PanelMember[];
  phase: string | null;
}) {
  const progress = useRead('case.progress', { caseId });
  // The room's own watch heard the stage change (moderation opened, say): this page asks again, so
  // a submitted sheet's words ("sealed until moderation opens") follow it.
  const shownPhase = progress.data?.phase;
  const refetchProgress = progress.refetch;
  useEffect(() => {
    if (phase !== null && shownPhase !== undefined && phase !== shownPhase) void refetchProgress();
  }, [phase, shownPhase, refetchProgress]);
  const standard = useRead('standard.forCase', { caseId }, { unchanging: true });
  const evidence = useRead('evidence.list', { caseId });
  const scoringOpen = progress.data !== undefined && progress.data.phase !== 'preparing';
  const sheet = useRead('scoring.mySheet', { caseId }, { enabled: scoringOpen, asMember: member.memberId });
  if (member.role === 'observer') {
    return (
      <Page title="Scoring">
        <StatusNotice>You are an observer on this panel, so you do not score.</StatusNotice>
      </Page>
    );
  }
  return (
    <ReadGate reads={[progress]} loading="Loading your score sheet…" page="Scoring">
      {(stages) =>
        !scoringOpen ? (
          <Page title="Scoring">
            <StatusNotice>{SCORING_NOT_OPEN_YET}</StatusNotice>
            <p>This page moves on by itself when scoring opens.</p>
          </Page>
        ) : (
          <ReadGate reads={[sheet, standard]} loading="Loading your score sheet…" page="Scoring">
            {(mySheet, pinned) => (
              <SheetByStatus
                caseId={caseId}
                memberId={member.memberId}
                phase={stages.phase}
                sheet={mySheet}
                standard={pinned}
                evidence={evidence}
                panel={members}
                refreshSheet={sheet}
              />
            )}
          </ReadGate>
        )
      }
    </ReadGate>
  );
}

/** The standard the case is assessed against, to read. */
function StandardToRead({ caseId }: { caseId: string }) {
  const standard = useRead('standard.forCase', { caseId }, { unchanging: true });
  return (
    <ReadGate reads={[standard]} loading="Loading the standard…" page="The standard">
      {(pinned: Standard) => (
        <Page title="The standard" intro={<p>{pinned.summary}</p>}>
          {pinned.statements.map((statement) => (
            <section key={statement.number} className="room-member-statement">
              <h2>
                I Statement {statement.number}: {statement.text}
              </h2>
              {statement.criteria.map((criterion) => (
                <details key={criterion.id} className="room-member-criterion">
                  <summary>
                    {criterion.id} {criterion.title}
                    {criterion.mustHave ? ' (must have)' : ''}
                  </summary>
                  <p>
                    <strong>What good looks like:</strong> {criterion.whatGoodLooksLike}
                  </p>
                  <p>
                    <strong>Evidence to look for:</strong>
                  </p>
                  <ul>
                    {criterion.evidencePrompts.map((prompt) => (
                      <li key={prompt}>{prompt}</li>
                    ))}
                  </ul>
                </details>
              ))}
            </section>
          ))}
        </Page>
      )}
    </ReadGate>
  );
}

/** The evidence register, to read: quotes with their consent, and each attachment (opened view only by scoring members). */
function EvidenceToRead({ caseId, member }: { caseId: string; member: SignedInMember }) {
  const scores = member.role !== 'observer';
  const evidence = useRead('evidence.list', { caseId });
  return (
    <ReadGate reads={[evidence]} loading="Loading the evidence…" page="Evidence">
      {(items: EvidenceItem[]) => (
        <Page
          title="Evidence"
          intro={
            <p>
              The evidence the panel has gathered. A quote may appear in the report only with the person’s
              consent; a quote whose consent was refused is for the panel’s eyes only and is never shown in
              the report.
            </p>
          }
        >
          <p>{scores ? VIEWING_RULES : OBSERVERS_SEE_NAMES}</p>
          {items.length === 0 && <p>No evidence has been added yet.</p>}
          <ul className="room-member-evidence">
            {items.map((item) => (
              <li key={item.id}>
                <h2>{item.title}</h2>
                <p>
                  {KIND_NAMES[item.kind]}
                  {item.source ? ` · ${item.source}` : ''}
                  {item.date ? ` · ${formatDate(item.date)}` : ''}
                </p>
                {item.criteria.length > 0 && <p>For criteria {item.criteria.join(', ')}</p>}
                {item.quote && (
                  <>
                    <blockquote>{item.quote}</blockquote>
                    <p>
                      <span aria-hidden="true">{CONSENT_WORDS[item.consent].symbol} </span>
                      {CONSENT_WORDS[item.consent].short}: {CONSENT_WORDS[item.consent].explanation}
                    </p>
                  </>
                )}
                {item.notes && <p>{item.notes}</p>}
                {item.attachments.length > 0 && (
                  <>
                    <p>Attachments:</p>
                    <ul className="room-member-attachments">
                      {item.attachments.map((attachment) => (
                        <li key={attachment.id}>
                          <AttachmentToRead caseId={caseId} attachment={attachment} scores={scores} />
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ul>
        </Page>
      )}
    </ReadGate>
  );
}

const OBSERVERS_SEE_NAMES =
  'Observers see what each attachment is; the files themselves are opened by the scoring members, or on the lead assessor’s computer.';

/** One attachment: opened here, view only, when this device can show it; otherwise said where it opens. */
function AttachmentToRead({
  caseId,
  attachment,
  scores,
}: {
  caseId: string;
  attachment: EvidenceItem['attachments'][number];
  scores: boolean;
}) {
  const whyNot = scores ? whyNotViewable(attachment) : null;
  if (scores && !whyNot) return <AttachmentViewer caseId={caseId} attachment={attachment} />;
  return (
    <p className="room-member-attachment-name">
      {attachment.fileName} ({formatBytes(attachment.sizeBytes)}){whyNot ? ` — ${whyNot}` : ''}
    </p>
  );
}

/** Once moderation opens: every score side by side, and the member's own dissent. */
function MemberModeration({
  caseId,
  member,
  members,
}: {
  caseId: string;
  member: SignedInMember;
  members: PanelMember[];
}) {
  const view = useRead('moderation.view', { caseId });
  const standard = useRead('standard.forCase', { caseId }, { unchanging: true });
  return (
    <ReadGate reads={[view, standard]} loading="Loading moderation…" page="Moderation">
      {(moderation, pinned) => (
        <ModerationInProgress
          caseId={caseId}
          isLead={false}
          view={moderation}
          standard={pinned}
          members={members}
          canDissent={tookPart(moderation, member.memberId)}
        />
      )}
    </ReadGate>
  );
}

const TEXT_SIZE_NAMES: Record<TextSize, string> = {
  standard: 'Standard',
  large: 'Large',
  largest: 'Largest',
};

/** Text size and contrast, kept on this device (in the page's footer: every part of a page is in a landmark). */
function DisplayChoices() {
  const display = useDisplaySettings();
  return (
    <footer>
      <details className="room-member-display">
        <summary>Text size and contrast</summary>
        <ChoiceGroup
          label="Text size"
          choices={TEXT_SIZES.map((size) => ({ value: size, label: TEXT_SIZE_NAMES[size] }))}
          value={display.textSize}
          onChange={(textSize) => display.update({ textSize })}
        />
        <ChoiceGroup
          label="Contrast"
          choices={[
            { value: 'standard', label: 'Standard' },
            { value: 'high', label: 'High contrast' },
          ]}
          value={display.contrast}
          onChange={(contrast) => display.update({ contrast })}
        />
      </details>
    </footer>
  );
}
