import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { SchemeSection } from '../features/scheme/sections';
import { rememberSchemeScreen, schemeScreenBeforeReload } from '../features/scheme/schemePlace';

/** The stages of an assessment, in the order a panel meets them. */
export const CASE_SECTIONS = [
  'overview',
  'evidence',
  'panel',
  'scoring',
  'moderation',
  'decision',
  'certificate',
  'appeal',
  'fees',
] as const;
export type CaseSection = (typeof CASE_SECTIONS)[number];

/** Each section of a case as its heading and tab name it. */
export const SECTION_NAMES: Record<CaseSection, string> = {
  overview: 'Overview',
  evidence: 'Evidence',
  panel: 'Panel',
  scoring: 'Scoring',
  moderation: 'Moderation',
  decision: 'Decision',
  certificate: 'Certificate',
  appeal: 'Appeal',
  fees: 'Time and fees',
};

export type Screen =
  | { name: 'start' }
  | { name: 'new-case' }
  | { name: 'open-case' }
  | { name: 'unlock'; path: string }
  | { name: 'case'; caseId: string; section: CaseSection }
  | { name: 'verify' }
  | { name: 'settings' }
  /** The scheme office: a section of the open scheme file (or opening one); an assessor's page. */
  | { name: 'scheme'; section: SchemeSection; assessorId?: string };

interface Navigation {
  screen: Screen;
  go(screen: Screen): void;
  /** The case last worked on while it is still open, so Settings or Verify can lead back to it. */
  openCase: Extract<Screen, { name: 'case' }> | null;
  /** Called when the case file is closed. */
  forgetCase(): void;
}

const NavigationContext = createContext<Navigation | null>(null);

/** This tab's last case screen, kept across a reload (F5) so the page can carry on where it was. */
const LAST_CASE_KEY = 'copanel.lastCase';

function rememberCaseScreen(screen: Extract<Screen, { name: 'case' }> | null): void {
  try {
    if (screen) sessionStorage.setItem(LAST_CASE_KEY, JSON.stringify(screen));
    else sessionStorage.removeItem(LAST_CASE_KEY);
  } catch {
    // No session storage (a locked-down browser): a reload then starts at the start screen.
  }
}

/** The case screen this tab showed before it was reloaded, if any (none if it showed the scheme office). */
export function caseScreenBeforeReload(): Extract<Screen, { name: 'case' }> | null {
  if (schemeScreenBeforeReload) return null;
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(LAST_CASE_KEY) ?? 'null');
    if (typeof saved !== 'object' || saved === null) return null;
    const { caseId, section } = saved as Record<string, unknown>;
    if (typeof caseId !== 'string' || !CASE_SECTIONS.includes(section as CaseSection)) return null;
    return { name: 'case', caseId, section: section as CaseSection };
  } catch {
    return null;
  }
}

export function NavigationProvider({
  children,
  initial = schemeScreenBeforeReload ?? { name: 'start' },
}: {
  children: React.ReactNode;
  initial?: Screen;
}) {
  const [screen, setScreen] = useState<Screen>(initial);
  const [openCase, setOpenCase] = useState<Extract<Screen, { name: 'case' }> | null>(null);
  const go = useCallback((next: Screen) => {
    setScreen(next);
    rememberSchemeScreen(next);
    if (next.name === 'case') {
      setOpenCase(next);
      rememberCaseScreen(next);
    }
    window.scrollTo?.(0, 0);
  }, []);
  const forgetCase = useCallback(() => {
    setOpenCase(null);
    rememberCaseScreen(null);
  }, []);
  const value = useMemo(() => ({ screen, go, openCase, forgetCase }), [screen, go, openCase, forgetCase]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation must be used inside NavigationProvider.');
  return navigation;
}
