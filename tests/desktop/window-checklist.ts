import { expect } from 'vitest';
import type { StandInBrowserWindow } from './stand-in/electron';

/** A window's preferences as Electron's own declarations type them (the stand-in is typed against them). */
type WebPreferences = NonNullable<StandInBrowserWindow['options']['webPreferences']>;

/**
 * What Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security)
 * asks of every window the app opens, written once, in the checklist's terms rather than as a copy
 * of the app's own `webPreferences`: for each preference, the value it must have in effect, and
 * Electron's default when a window leaves it unset (from the doc comments in Electron's
 * electron.d.ts). A window that weakens any of them, or unsets one whose default is weaker, fails.
 */
const CHECKLIST: readonly {
  preference: keyof WebPreferences & string;
  mustBe: boolean;
  electronDefault: boolean;
  why: string;
}[] = [
  { preference: 'contextIsolation', mustBe: true, electronDefault: true, why: '3. Enable context isolation' },
  { preference: 'sandbox', mustBe: true, electronDefault: true, why: '4. Enable process sandboxing' },
  {
    preference: 'nodeIntegration',
    mustBe: false,
    electronDefault: false,
    why: '2. Do not enable Node.js integration for remote content',
  },
  {
    preference: 'nodeIntegrationInWorker',
    mustBe: false,
    electronDefault: false,
    why: '2. Do not enable Node.js integration (web workers)',
  },
  { preference: 'webSecurity', mustBe: true, electronDefault: true, why: '6. Do not disable webSecurity' },
  {
    preference: 'allowRunningInsecureContent',
    mustBe: false,
    electronDefault: false,
    why: '8. Do not enable allowRunningInsecureContent',
  },
  {
    preference: 'webviewTag',
    mustBe: false,
    electronDefault: false,
    why: '12. Verify WebView options (none at all)',
  },
];

/** Every checklist preference of a window, as it takes effect, is the one the checklist asks for. */
export function expectWindowFollowsChecklist(preferences: WebPreferences | undefined, window: string): void {
  for (const { preference, mustBe, electronDefault, why } of CHECKLIST) {
    const inEffect = preferences?.[preference] ?? electronDefault;
    expect(inEffect, `${window}: ${preference} (${why})`).toBe(mustBe);
  }
}
