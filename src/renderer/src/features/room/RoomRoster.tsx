import type { RoomDevice, RoomState } from '../../../../shared/api';
import { Button } from '../../ui/Button';
import { RemoveDialog, useRemoval } from '../../ui/RemoveDialog';
import {
  conflictWords,
  progressWords,
  rosterRows,
  scoresInTheRoomWords,
  signOutLabel,
  whereWords,
} from './roomWords';

/**
 * Who is in the room: each member who scores, the device they joined on, how far they have got
 * ("12 of 19"), where their declaration of interests stands (scoring waits for everyone's own and
 * the lead's decisions), and whether they have submitted; and any device nobody has signed in on
 * yet. The member signed in on this computer (`here`: the lead, who scores here) is shown as on
 * this computer. Scores are sealed, so there are none here. The lead can sign a device out (after
 * a question).
 */
export function RoomRoster({
  caseId,
  state,
  here,
  moderationOpen,
}: {
  caseId: string;
  state: RoomState;
  here: string | null;
  moderationOpen: boolean;
}) {
  const rows = rosterRows(state, here);
  const signOut = useRemoval<'room.signOutDevice', RoomDevice>('room.signOutDevice', {
    input: (device) => ({ caseId, deviceId: device.id }),
  });
  const joined = state.devices.length;
  return (
    <section aria-labelledby="room-roster-heading">
      <h2 id="room-roster-heading">Who has joined</h2>
      <p>
        {joined === 0
          ? 'No device has joined yet.'
          : `${joined} ${joined === 1 ? 'device has' : 'devices have'} joined.`}{' '}
        Members without a device can still score on this computer under their own PIN, or on paper.
      </p>
      <div className="table-scroll" role="region" aria-labelledby="room-roster-caption" tabIndex={0}>
        <table className="data room-roster">
          <caption id="room-roster-caption">{scoresInTheRoomWords(moderationOpen).caption}</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Device</th>
              <th scope="col">Conflict of interest</th>
              <th scope="col">Scored</th>
              <th scope="col">Score sheet</th>
              <th scope="col">Sign out</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.who}</th>
                <td>{whereWords(row)}</td>
                <td>{conflictWords(row)}</td>
                <td>{progressWords(row)}</td>
                <td>{row.progress ? (row.progress.submitted ? 'Submitted' : 'Not submitted yet') : '—'}</td>
                <td>
                  {row.devices.length === 0
                    ? '—'
                    : row.devices.map((device) => (
                        <Button key={device.id} onPress={() => signOut.ask(device)}>
                          <span aria-hidden="true">Sign out</span>
                          <span className="visually-hidden">{signOutLabel(device)}</span>
                        </Button>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RemoveDialog
        removal={signOut}
        title="Sign this device out of the room?"
        confirmLabel="Sign the device out"
        pendingLabel="Signing the device out…"
      >
        {(device) => (
          <p>
            {signOutLabel(device)}? {device.memberName ?? 'The member'} can join again by scanning the QR code
            and entering their PIN. Answers already saved are kept.
          </p>
        )}
      </RemoveDialog>
    </section>
  );
}
