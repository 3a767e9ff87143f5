/** A panel room open as the app is asked to quit: how many members' devices are in it. */
export interface OpenRoom {
  readonly devices: number;
}

/** The question the desktop app asks before it quits with a panel room open. */
export interface QuitQuestion {
  readonly message: string;
  readonly detail: string;
  /** "Go back" first: it is also the default and what Escape means, so quitting is always chosen. */
  readonly buttons: readonly [goBack: string, quit: string];
  readonly defaultId: 0;
  readonly cancelId: 0;
}

const GO_BACK = 0;
const QUIT = 1;

/**
 * What to ask before quitting while panel rooms are open (quitting closes them and signs their
 * devices out), as closing the case file asks; null when no room is open, so the app quits at once.
 */
export function quitQuestion(open: readonly OpenRoom[]): QuitQuestion | null {
  if (open.length === 0) return null;
  const devices = open.reduce((sum, room) => sum + room.devices, 0);
  const withDevices =
    devices === 0 ? 'with no devices in it' : `with ${devices} ${devices === 1 ? 'device' : 'devices'}`;
  const one = open.length === 1;
  return {
    message: one
      ? `The panel room is open ${withDevices}. Quit and close the room?`
      : `${open.length} panel rooms are open, ${withDevices.replace(' in it', ' in them')}. Quit and close the rooms?`,
    detail: [
      devices > 0
        ? `Quitting closes ${one ? 'the room' : 'the rooms'} and signs ${devices === 1 ? 'that device' : 'those devices'} out; ${devices === 1 ? 'it is' : 'they are'} told the room has closed.`
        : `Quitting closes ${one ? 'the room' : 'the rooms'}.`,
      'Answers already saved stay in the case file. To carry on in the room, open the case and the room again; members then scan the new QR code.',
    ].join(' '),
    buttons: ['Go back', one ? 'Quit and close the room' : 'Quit and close the rooms'],
    defaultId: GO_BACK,
    cancelId: GO_BACK,
  };
}

/** Whether the answer to the quit question (the index of the button pressed) is to quit. */
export function quitChosen(response: number): boolean {
  return response === QUIT;
}
