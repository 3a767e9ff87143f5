import { createContext, useCallback, useContext, useMemo, useState } from 'react';

/** The stages of an assessment, in the order a panel meets them. */
export const CASE_SECTIONS = ['overview', 'evidence', 'panel', 'scoring', 'moderation', 'decision', 'certificate'] as const;
export type CaseSection = (typeof CASE_SECTIONS)[number];

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
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ children, initial = { name: 'start' } }: { children: React.ReactNode; initial?: Screen }) {
  const [screen, setScreen] = useState<Screen>(initial);
  const go = useCallback((next: Screen) => {
    setScreen(next);
    window.scrollTo?.(0, 0);
  }, []);
  const value = useMemo(() => ({ screen, go }), [screen, go]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation must be used inside NavigationProvider.');
  return navigation;
}
