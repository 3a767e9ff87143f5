/**
 * The Scheme office's sections, in the order its navigation shows them. Each feature of the scheme
 * office adds its own here (Calibration, Fees, Register: one entry each, with its screen in its own
 * feature folder, named in SchemeScreen's SectionBody).
 */
export const SCHEME_SECTIONS = ['assessors', 'calibration', 'fees', 'register', 'due', 'settings'] as const;
export type SchemeSection = (typeof SCHEME_SECTIONS)[number];

export const SCHEME_SECTION_NAMES: Record<SchemeSection, string> = {
  assessors: 'Assessors',
  calibration: 'Practice case',
  fees: 'Fees',
  register: 'Register',
  due: 'Due soon',
  settings: 'Scheme settings',
};
