import { createContext, useCallback, useContext, useMemo, useState } from 'react';

/** The stages of an assessment, in the order a panel meets them. */
export const CASE_SECTIONS = [
  'overview',
  'evidence',
  'panel',
  'scoring',
  'moderation',
  'decision',
  'certificate',
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
};

export type Screen =
  | { name: 'start' }
  | { name: 'new-case' }
  | { name: 'open-case' }
  | { name: 'unlock'; path: string }
  | { name: 'case'; caseId: string; section: CaseSection }
  | { name: 'verify' }
  | { name: 'settings' };

interface Navigation {
  screen: Screen;
  go(screen: Screen): void;
  /** The case last worked on while it is still open, so Settings or Verify can lead back to it. */
  openCase: Extract<Screen, { name: 'case' }> | null;
  /** Called when the case file is closed. */
  forgetCase(): void;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({
  children,
  initial = { name: 'start' },
}: {
  children: React.ReactNode;
  initial?: Screen;
}) {
  const [screen, setScreen] = useState<Screen>(initial);
  const [openCase, setOpenCase] = useState<Extract<Screen, { name: 'case' }> | null>(null);
  const go = useCallback((next: Screen) => {
    setScreen(next);
    if (next.name === 'case') setOpenCase(next);
    window.scrollTo?.(0, 0);
  }, []);
  const forgetCase = useCallback(() => setOpenCase(null), []);
  const value = useMemo(() => ({ screen, go, openCase, forgetCase }), [screen, go, openCase, forgetCase]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation must be used inside NavigationProvider.');
  return navigation;
}
