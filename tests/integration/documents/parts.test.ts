import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateInWords, loadBadgeArtwork, qrMatrix } from '../../../src/main/documents';
import { findAppRoot } from '../../../src/main/runtime';

const resourcesDir = join(findAppRoot(), 'resources');

describe('dates in words', () => {
  it('writes calendar dates the way people say them', () => {
    expect(dateInWords('2026-03-02')).toBe('2 March 2026');
    expect(dateInWords('2027-12-31')).toBe('31 December 2027');
  });

  it('refuses anything that is not a real calendar date', () => {
    for (const bad of ['2026-02-30', '2026-3-2', '02/03/2026', '2026-03-02T00:00:00Z', '']) {
      expect(() => dateInWords(bad)).toThrow(RangeError);
    }
  });
});

describe('level badge artwork', () => {
  it('exists for each level and is made of shapes the renderer draws', () => {
    for (const level of [1, 2, 3] as const) {
      const artwork = loadBadgeArtwork(resourcesDir, level);
      expect(artwork.viewBox).toBe('0 0 200 200');
      expect(artwork.shapes.filter((shape) => shape.kind === 'path').length).toBeGreaterThanOrEqual(
        3 + level,
      );
    }
  });
});

describe('QR matrix', () => {
  it('is a square symbol for the payload', () => {
    const matrix = qrMatrix('CPQ1.example');
    expect(matrix.size).toBeGreaterThanOrEqual(21);
    // The finder pattern's corner module is dark.
    expect(matrix.isDark(0, 0)).toBe(true);
  });
});
