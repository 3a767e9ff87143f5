import { useEffect, useRef, useState } from 'react';
import type { RoomInterface, RoomState } from '../../../../shared/api';
import { qrDrawing } from '../../../../shared/qr';
import { useChange, useRead, type ReadCache } from '../../app/operations';
import { ActionButton } from '../../ui/ActionButton';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ChoiceGroup } from '../../ui/fields';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { ReadGate } from '../../ui/ReadGate';
import { useSignedIn } from '../case/useCase';
import { PinResetRequests } from './PinResetRequests';
import { MODERATION_PHASES } from '../moderation/ModerationSection';
import { RoomRoster } from './RoomRoster';
import { networkLabel, roomChanges, scoresInTheRoomWords, timeOfDay } from './roomWords';
import './room.css';

/** How often the lead's screen asks who has joined and how far they have got, while the room is open. */
export const ROOM_REFRESH_MS = 2_000;

/** Every room change answers with the room as it now stands: put it on screen at once. */
function showRoom(reads: ReadCache, value: RoomState, input: { caseId: string }): void {
  reads.set('room.state', { caseId: input.caseId }, value);
}

/**
 * The lead's panel room: open it on the venue's network, show members how to join (a large QR
 * code, the address, a code to read aloud), and follow who has joined and how far they have got —
 * never their scores, which stay sealed until moderation.
 */
export function RoomScreen({ caseId, onBack }: { caseId: string; onBack: () => void }) {
  const room = useRead(
    'room.state',
    { caseId },
    { refreshEvery: (state) => (state?.open ? ROOM_REFRESH_MS : false) },
  );
  const activity = useRoomActivity(room.data);
  // The words about sealed scores follow the stage (the scoring screen's own read of it).
  const progress = useRead('case.progress', { caseId });
  const moderationOpen = progress.data !== undefined && MODERATION_PHASES.has(progress.data.phase);
  const words = scoresInTheRoomWords(moderationOpen);
  return (
    <Page
      title="Panel room"
      actions={<Button onPress={onBack}>Back to scoring</Button>}
      intro={
        <p>
          Members score on their own phone, tablet or laptop over this room’s network. No internet is needed.{' '}
          {words.intro}
        </p>
      }
    >
      <ReadGate
        reads={[room]}
        loading="Looking at the panel room…"
        failedTitle="The panel room could not be shown"
      >
        {(state) =>
          state.open ? (
            <OpenRoom caseId={caseId} state={state} moderationOpen={moderationOpen} />
          ) : (
            <OpenTheRoom caseId={caseId} />
          )
        }
      </ReadGate>
      <RoomActivity activity={activity} />
    </Page>
  );
}

/** Before the room is open: which network to listen on, and the button that opens it. */
function OpenTheRoom({ caseId }: { caseId: string }) {
  const networks = useRead('room.interfaces', { caseId });
  const [chosen, setChosen] = useState<string | null>(null);
  const opening = useChange('room.open', { writeReads: showRoom });
  return (
    <section aria-labelledby="room-open-heading">
      <h2 id="room-open-heading">Open the room</h2>
      <ReadGate reads={[networks]} loading="Looking for this computer’s networks…">
        {(found) =>
          found.length === 0 ? (
            <NoNetwork onLookAgain={() => void networks.refetch()} isLooking={networks.isFetching} />
          ) : (
            <>
              <ChoiceGroup
                label="Which network are the panel’s devices on?"
                description="Choose the venue’s Wi-Fi, or your phone’s hotspot if you joined this computer to it."
                choices={found.map((network) => ({ value: network.address, label: networkLabel(network) }))}
                value={chosen ?? onlyNetwork(found)}
                onChange={setChosen}
              />
              <ActionButton
                label="Open the panel room"
                pendingLabel="Opening the room…"
                failedTitle="The room did not open"
                isPending={opening.isPending}
                error={opening.error}
                onPress={() => {
                  const address = chosen ?? onlyNetwork(found);
                  opening.mutate(address ? { caseId, address } : { caseId });
                }}
              />
            </>
          )
        }
      </ReadGate>
    </section>
  );
}

function onlyNetwork(found: RoomInterface[]): string | null {
  return found.length === 1 ? found[0]!.address : null;
}

function NoNetwork({ onLookAgain, isLooking }: { onLookAgain: () => void; isLooking: boolean }) {
  return (
    <>
      <ErrorNotice
        title="This computer is not on a network"
        message="The room needs a network that the members’ devices can join too, but it does not need the internet."
        details={[
          'Join this computer to the venue’s Wi-Fi, or',
          'turn on your phone’s hotspot, join this computer to it, and ask the members to join it too.',
        ]}
      />
      <Button onPress={onLookAgain} isPending={isLooking} pendingLabel="Looking again…">
        Look again
      </Button>
    </>
  );
}

/** The open room: how to join, who has joined, and the lead's controls. */
function OpenRoom({
  caseId,
  state,
  moderationOpen,
}: {
  caseId: string;
  state: RoomState;
  moderationOpen: boolean;
}) {
  const here = useSignedIn(caseId);
  return (
    <>
      {state.paused ? (
        <StatusNotice>
          The room is paused. Members’ devices stay joined, but nothing they send is saved until you carry on.
        </StatusNotice>
      ) : (
        <StatusNotice tone="success">The room is open on {state.address}.</StatusNotice>
      )}
      <PinResetRequests caseId={caseId} />
      <JoinDetails state={state} />
      <RoomRoster caseId={caseId} state={state} here={here?.name ?? null} moderationOpen={moderationOpen} />
      <RoomControls caseId={caseId} paused={state.paused} />
    </>
  );
}

function JoinDetails({ state }: { state: RoomState }) {
  if (!state.link) return null;
  return (
    <section aria-labelledby="room-join-heading" className="room-join">
      <h2 id="room-join-heading">How members join</h2>
      <div className="room-join-body">
        <RoomQrCode link={state.link} />
        <div className="room-join-words">
          <p>
            Each member joins the same network, scans this code with their phone’s camera, picks their name
            and enters their PIN.
          </p>
          <p>
            Read this code aloud, so members can check they joined this room:{' '}
            <strong className="room-spoken-code" data-testid="room-spoken-code">
              {state.spokenCode}
            </strong>
          </p>
          <p>
            Room address: <span className="path">{state.address}</span>
          </p>
          <details className="room-link">
            <summary>No camera? Show the link to type</summary>
            <p>
              Type the whole link, including everything after the <strong>#</strong>: the address alone only
              says to ask you for the code.
            </p>
            <p className="path" data-testid="room-link">
              {state.link}
            </p>
          </details>
        </div>
      </div>
    </section>
  );
}

/** The join link as a large QR code, drawn by the same code as the certificate's. */
function RoomQrCode({ link }: { link: string }) {
  const { side, path } = qrDrawing(link);
  return (
    <svg
      className="room-qr"
      role="img"
      aria-label="QR code of the link that joins this panel room"
      viewBox={`0 0 ${side} ${side}`}
      shapeRendering="crispEdges"
    >
      <rect x={0} y={0} width={side} height={side} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}

/** Pause and carry on; close the room (with a question first). */
function RoomControls({ caseId, paused }: { caseId: string; paused: boolean }) {
  const pause = useChange('room.pause', { writeReads: showRoom });
  const [closing, setClosing] = useState(false);
  const close = useChange('room.close', { writeReads: showRoom, onSuccess: () => setClosing(false) });
  return (
    <section aria-labelledby="room-controls-heading">
      <h2 id="room-controls-heading">The room</h2>
      {pause.isError && <ErrorNotice message={pause.error.message} />}
      <div className="page-actions">
        <Button
          onPress={() => pause.mutate({ caseId, paused: !paused })}
          isPending={pause.isPending}
          pendingLabel={paused ? 'Carrying on…' : 'Pausing…'}
        >
          {paused ? 'Carry on (resume the room)' : 'Pause the room'}
        </Button>
        <Button
          variant="danger"
          onPress={() => {
            close.reset();
            setClosing(true);
          }}
        >
          Close the room
        </Button>
      </div>
      <ConfirmDialog
        isOpen={closing}
        onOpenChange={setClosing}
        title="Close the panel room?"
        confirmLabel="Close the room"
        pendingLabel="Closing the room…"
        variant="danger"
        isPending={close.isPending}
        error={close.error?.message}
        onConfirm={() => close.mutate({ caseId })}
      >
        <p>
          Every device is signed out and nothing listens on the network any more. Answers already saved stay
          in the case file. You can open the room again; members then scan the new QR code.
        </p>
      </ConfirmDialog>
    </section>
  );
}

interface RoomEvent {
  id: number;
  at: string;
  text: string;
}

/** What happened in the room since this screen opened, newest first (at most the last ten). */
function useRoomActivity(state: RoomState | undefined): RoomEvent[] {
  const last = useRef<RoomState | undefined>(undefined);
  const counted = useRef(0);
  const [events, setEvents] = useState<RoomEvent[]>([]);
  useEffect(() => {
    if (!state) return;
    const before = last.current;
    last.current = state;
    if (!before) return;
    const changes = roomChanges(before, state);
    if (changes.length === 0) return;
    const at = new Date().toISOString();
    const news = changes.map((text) => ({ id: (counted.current += 1), at, text })).reverse();
    setEvents((earlier) => [...news, ...earlier].slice(0, 10));
  }, [state]);
  return events;
}

/** The room's news, announced politely as it happens (a log region) and kept in view. */
function RoomActivity({ activity }: { activity: RoomEvent[] }) {
  return (
    <section aria-labelledby="room-activity-heading">
      <h2 id="room-activity-heading">What has happened</h2>
      {activity.length === 0 && <p>Nothing yet since you opened this screen.</p>}
      <div role="log" aria-live="polite" aria-labelledby="room-activity-heading">
        <ol className="room-activity">
          {activity.map((event) => (
            <li key={event.id}>
              <span className="room-activity-time">{timeOfDay(event.at)}</span> {event.text}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
