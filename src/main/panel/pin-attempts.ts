/**
 * Wrong-PIN protection on a shared laptop. The count of wrong PINs in a row is kept in the case file,
 * per member (so closing the file or restarting the app does not clear it): after MAX_WRONG_PINS in a
 * row, signing in as that member is paused for 30 seconds, and each further wrong PIN before a right
 * one pauses it for longer — 1 minute, 5 minutes, 15 minutes, then an hour each time. This stops one
 * panel member guessing another's PIN: a handful of guesses an hour instead of hundreds.
 */
export const MAX_WRONG_PINS = 5;

/** The pauses, in order: after the fifth wrong PIN in a row, then after each further one. */
const PIN_PAUSES_MS = [30_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;

/** The first pause. */
export const LOCKOUT_MS = PIN_PAUSES_MS[0];

/** How long signing in is paused after `wrongInARow` wrong PINs in a row: 0 before the fifth. */
export function pauseAfter(wrongInARow: number): number {
  if (wrongInARow < MAX_WRONG_PINS) return 0;
  return PIN_PAUSES_MS[Math.min(wrongInARow - MAX_WRONG_PINS, PIN_PAUSES_MS.length - 1)] ?? 0;
}

/**
 * A pause as people say it: "30 seconds", "1 minute", "15 minutes", "1 hour"; before a noun,
 * "a 30-second pause". Rounded up.
 */
export function pauseInWords(ms: number, use: 'alone' | 'before a noun' = 'alone'): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return count(seconds, 'second', use);
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return count(minutes, 'minute', use);
  return count(Math.ceil(minutes / 60), 'hour', use);
}

function count(amount: number, unit: string, use: 'alone' | 'before a noun'): string {
  if (use === 'before a noun') return `${amount}-${unit}`;
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
