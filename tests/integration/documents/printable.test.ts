import { join } from 'node:path';
import { Font } from '@react-pdf/renderer';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLED_FAMILIES,
  documentFontCoverage,
  firstUnprintable,
  requirePrintableName,
  printableText,
  printableView,
} from '../../../src/main/documents';
import { findAppRoot } from '../../../src/main/runtime';
import { UserFacingError } from '../../../src/shared/errors';
import { NAMES_BY_SCRIPT } from './fixtures';

const resourcesDir = join(findAppRoot(), 'resources');
let coverage: ReadonlySet<number>;

beforeAll(async () => {
  coverage = await documentFontCoverage(resourcesDir);
});

async function refusal(name: string): Promise<UserFacingError> {
  const error: unknown = await requirePrintableName(name, { field: 'name', what: 'this name' }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof UserFacingError)) throw new Error(`"${name}" was not refused as unprintable.`);
  return error;
}

describe('what the bundled fonts draw', () => {
  it('covers names in every script the README lists', () => {
    for (const sample of NAMES_BY_SCRIPT) {
      for (const name of [sample.organisation, sample.lead, sample.coSigner]) {
        expect(firstUnprintable(name, coverage), `${sample.script}: ${name}`).toBeUndefined();
      }
    }
  });

  it('draws the same characters in every style of a family, so a bold name prints as a regular one does', async () => {
    for (const family of BUNDLED_FAMILIES) {
      const sets: number[][] = [];
      for (const [fontWeight, fontStyle] of [
        [400, 'normal'],
        [700, 'normal'],
        [400, 'italic'],
      ] as const) {
        const descriptor = { fontFamily: family.family, fontWeight, fontStyle };
        await Font.load(descriptor);
        sets.push([...(Font.getFont(descriptor).data?.characterSet as number[])].sort((a, b) => a - b));
      }
      expect(sets[1], `${family.family} bold`).toEqual(sets[0]);
      expect(sets[2], `${family.family} italic`).toEqual(sets[0]);
    }
  });

  it('finds the first thing it cannot draw, whole as a person sees it', () => {
    expect(firstUnprintable('Hope Centre 😀 Leeds', coverage)).toBe('😀');
    expect(firstUnprintable('Team 🇬🇧', coverage)).toBe('🇬🇧');
    expect(firstUnprintable('Family 👨‍👩‍👧 support', coverage)).toBe('👨‍👩‍👧');
    expect(firstUnprintable('ሰላም Centre', coverage)).toBe('ሰ'); // Ethiopic: no bundled font
    expect(firstUnprintable('희망 센터', coverage)).toBe('희'); // Korean: no bundled font
    expect(firstUnprintable('Line one\nline two', coverage)).toBe('\n');
  });
});

describe('a name the certificate cannot print is refused in plain words', () => {
  it('names an emoji as an emoji', async () => {
    const error = await refusal('Hope Centre 😀');
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      'The certificate cannot print the character “😀” (an emoji) in this name. Please write the name without emoji.',
    );
    expect(error.details).toEqual([{ field: ['name'], message: error.message }]);
  });

  it('names another character by its code and says which scripts print', async () => {
    const error = await refusal('ሰላም Centre');
    expect(error.message).toMatch(
      /^The certificate cannot print the character “ሰ” \(character U\+1230\) in this name\. Please write the name without it\. The certificate prints Latin, Greek, Cyrillic, Arabic, Hebrew, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil and commonly used Chinese letters\.$/,
    );
  });

  it('asks for one line when a name has a line break', async () => {
    expect((await refusal('Hope\nCentre')).message).toBe(
      'The certificate cannot print the character (a line break or tab) in this name. Please write the name on one line.',
    );
  });

  it('accepts a name in any bundled script', async () => {
    for (const sample of NAMES_BY_SCRIPT) {
      await expect(
        requirePrintableName(sample.organisation, { field: 'name', what: 'this name' }),
      ).resolves.toBeUndefined();
    }
  });
});

describe('other text the documents print', () => {
  it('shows "�" for what no font draws, keeping line breaks and everything else', () => {
    expect(printableText('It helped 😀 a lot\nThank you', coverage)).toBe(
      'It helped \uFFFD a lot\nThank you',
    );
    expect(printableText('Family 👨‍👩‍👧 day', coverage)).toBe('Family \uFFFD day');
    const arabic = 'قالوا: شكراً لكم';
    expect(printableText(arabic, coverage)).toBe(arabic);
  });

  it('leaves the properties it is told to keep exactly as they are', () => {
    const view = { name: 'Hope 😀', qrPayload: 'CPQ1.😀', nested: [{ text: '🇬🇧' }] };
    expect(printableView(view, coverage, new Set(['qrPayload']))).toEqual({
      name: 'Hope \uFFFD',
      qrPayload: 'CPQ1.😀',
      nested: [{ text: '\uFFFD' }],
    });
  });
});
