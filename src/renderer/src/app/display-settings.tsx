import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import { useMediaQuery } from './useMediaQuery';

export const TEXT_SIZES = ['standard', 'large', 'largest'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export type Contrast = 'standard' | 'high';

export interface DisplaySettings {
  textSize: TextSize;
  contrast: Contrast;
}

const STORAGE_KEY = 'copanel.display';
const DEFAULTS: DisplaySettings = { textSize: 'standard', contrast: 'standard' };

function loadSettings(): DisplaySettings {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<DisplaySettings>;
    return {
      textSize: TEXT_SIZES.includes(saved.textSize as TextSize)
        ? (saved.textSize as TextSize)
        : DEFAULTS.textSize,
      contrast: saved.contrast === 'high' ? 'high' : 'standard',
    };
  } catch {
    return DEFAULTS;
  }
}

interface DisplaySettingsApi extends DisplaySettings {
  update(change: Partial<DisplaySettings>): void;
}

const DisplaySettingsContext = createContext<DisplaySettingsApi | null>(null);

/** Text size and contrast: a personal preference kept on this computer, applied to the whole page. */
export function DisplaySettingsProvider({ children }: { children: React.ReactNode }) {
  const [settings, setSettings] = useState<DisplaySettings>(loadSettings);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.textSize = settings.textSize;
    root.dataset.contrast = settings.contrast;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  }, [settings]);
  const value = useMemo(
    () => ({
      ...settings,
      update: (change: Partial<DisplaySettings>) => setSettings((s) => ({ ...s, ...change })),
    }),
    [settings],
  );
  return <DisplaySettingsContext.Provider value={value}>{children}</DisplaySettingsContext.Provider>;
}

export function useDisplaySettings(): DisplaySettingsApi {
  const api = useContext(DisplaySettingsContext);
  if (!api) throw new Error('useDisplaySettings must be used inside DisplaySettingsProvider.');
  return api;
}

/** How much each text size scales the page's type: the same numbers as `--text-scale` in app.css. */
const TEXT_SCALE: Record<TextSize, number> = { standard: 1, large: 1.2, largest: 1.45 };
/** Narrower than this many (browser-default) rems at standard text, the page is laid out compact. */
const COMPACT_BELOW_REM = 56;

/**
 * Whether the window is narrow for the text: at 200 % zoom, on a small screen, or with large text
 * on a middling one. The app's menu, the case bar and the stage list then fold into disclosures so
 * that the page's heading comes first.
 */
export function useCompactLayout(): boolean {
  const { textSize } = useDisplaySettings();
  return useMediaQuery(`(max-width: ${COMPACT_BELOW_REM * TEXT_SCALE[textSize]}rem)`);
}
