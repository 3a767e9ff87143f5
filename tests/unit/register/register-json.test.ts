import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REGISTER_FORMAT,
  registerJson,
  type PublishedEntry,
  type PublishedRegister,
} from '../../../src/main/register';

/**
 * The signed register's bytes are `JSON.stringify(register, null, 1)` and a newline, whatever the
 * register holds (any text, any number of entries either side of the writer's pieces of 1,000).
 */

const awkward = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    ' ',
    '’',
    '"',
    '\\',
    '\n',
    '\t',
    '\u2028',
    '\u0000',
    '\ud800',
    '😀',
    'é',
    '}',
    ',',
  ),
  maxLength: 12,
});
const date = fc.constantFrom('2026-01-31', '2024-02-29', '2030-12-01');

const entry: fc.Arbitrary<PublishedEntry> = fc.record({
  certificateNumber: awkward,
  organisation: awkward,
  level: fc.integer({ min: 1, max: 3 }),
  decisionDate: date,
  interimReviewDue: date,
  validUntil: date,
  standardVersion: fc.option(awkward, { nil: null }),
  signers: fc.array(awkward, { maxLength: 3 }),
  auditHead: fc.option(fc.record({ entries: fc.nat(), hash: fc.constant('ab'.repeat(32)) }), { nil: null }),
  qrSignerKeyId: awkward,
  qrSignerPublicKey: awkward,
  pdfSha256: fc.constant('cd'.repeat(32)),
  importedAt: fc.constant('2026-01-31T12:00:00.000Z'),
  status: fc.record(
    { state: awkward, words: awkward, date: date, reason: awkward, supersededBy: awkward },
    { requiredKeys: ['state', 'words'] },
  ),
  events: fc.array(
    fc.record({
      kind: awkward,
      onDate: date,
      reason: fc.option(awkward, { nil: null }),
      supersededBy: fc.option(awkward, { nil: null }),
    }),
    { maxLength: 2 },
  ),
});

const register = fc
  .tuple(
    fc.array(entry, { minLength: 1, maxLength: 5 }),
    fc.constantFrom(0, 1, 2, 999, 1000, 1001, 2001, 2999),
    awkward,
  )
  .map(([kinds, count, name]): PublishedRegister => ({
    format: REGISTER_FORMAT,
    scheme: { name, rootSha256: 'ef'.repeat(32) },
    issuedAt: '2026-06-01T12:00:00.000Z',
    asOf: '2026-06-01',
    entries: Array.from({ length: count }, (_, index) => ({
      ...kinds[index % kinds.length]!,
      level: (index % 3) + 1,
    })),
  }));

describe('registerJson', () => {
  it('writes exactly JSON.stringify(register, null, 1) and a newline, for any register', () => {
    fc.assert(
      fc.property(register, (published) => {
        const expected = Buffer.from(`${JSON.stringify(published, null, 1)}\n`, 'utf8');
        expect(registerJson(published).equals(expected)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
