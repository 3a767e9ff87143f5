import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leftoverTarget, TEMPORARY_PURPOSES, temporaryPathFor } from '../../../src/main/casefile';

/** Which names count as the app's own leftovers: exactly those it makes, and nothing else. */
describe('temporary names', () => {
  it('every temporary name the app makes (and its journal) is recognised, with its target', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9 ._()'-]{1,40}$/),
        fc.constantFrom(...TEMPORARY_PURPOSES),
        (stem, purpose) => {
          const target = `${stem}.copanel`;
          const name = basename(temporaryPathFor(`/cases/${target}`, purpose));
          expect(leftoverTarget(name)).toBe(target);
          expect(leftoverTarget(`${name}-journal`)).toBe(target);
        },
      ),
    );
  });

  it('names that only look like them are not the app’s', () => {
    const uuid = randomUUID();
    for (const name of [
      `notes.txt`,
      `report.copanel`,
      `report.copanel.lock`,
      `report.copanel.saving-not-a-uuid`,
      `report.copanel.saving-${uuid}.docx`,
      `report.copanel.SAVING-${uuid}`,
      `report.copanel.deleting-${uuid}`,
      `report.pdf.saving-${uuid}`,
      `report.copanel.saving-${uuid.toUpperCase()}`,
      `report.copanel.saving-${uuid}-journal-journal`,
      `.saving-${uuid}`,
      `report.backup-layout-1-20250101T000000Z.copanel`,
      `report.before-recovery-20250101T000000Z.copanel`,
    ])
      expect(leftoverTarget(name), name).toBeUndefined();
  });

  it('arbitrary names never count unless they have the exact shape', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const target = leftoverTarget(name);
        if (target === undefined) return;
        const rest = name.slice(target.length);
        expect(rest).toMatch(
          /^\.(creating|saving|rekeying|backing-up|recovering)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-journal)?$/,
        );
        expect(target.endsWith('.copanel')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
