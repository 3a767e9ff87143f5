import { SCHEME_SECTIONS, type SchemeSection } from './sections';

/** A scheme office screen, as the app's navigation names it. */
interface SchemeScreen {
  name: 'scheme';
  section: SchemeSection;
  assessorId?: string;
}

/** This tab's scheme office screen (section, assessor's page), kept across a reload (F5). */
const LAST_SCHEME_KEY = 'copanel.lastSchemeScreen';

/** Keeps the scheme office screen this tab shows, or forgets it when the tab shows another screen. */
export function rememberSchemeScreen(screen: { name: string }): void {
  try {
    if (screen.name === 'scheme') sessionStorage.setItem(LAST_SCHEME_KEY, JSON.stringify(screen));
    else sessionStorage.removeItem(LAST_SCHEME_KEY);
  } catch {
    // No session storage (a locked-down browser): a reload then starts at the start screen.
  }
}

function savedSchemeScreen(): SchemeScreen | null {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(LAST_SCHEME_KEY) ?? 'null');
    if (typeof saved !== 'object' || saved === null) return null;
    const { section, assessorId } = saved as Record<string, unknown>;
    if (!SCHEME_SECTIONS.includes(section as SchemeSection)) return null;
    const screen: SchemeScreen = { name: 'scheme', section: section as SchemeSection };
    return typeof assessorId === 'string' ? { ...screen, assessorId } : screen;
  } catch {
    return null;
  }
}

/**
 * The scheme office screen this tab showed when the page was loaded (reloaded), if it showed one:
 * read once, so that only the page's first screen carries on from it.
 */
export const schemeScreenBeforeReload: SchemeScreen | null = savedSchemeScreen();
