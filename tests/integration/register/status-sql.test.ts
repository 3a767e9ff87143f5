import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  APPEAL_LIFTS,
  DUE_SOON_DAYS,
  listRegister,
  registerEntry,
  registerStatus,
  registerStateSql,
  searchRegister,
  UNDER_APPEAL,
} from '../../../src/main/register';
import { createSchemeFile, type SchemeFile } from '../../../src/main/scheme';
import { REGISTER_EVENT_KINDS } from '../../../src/shared/api';
import { validityDates } from '../../../src/shared/scoring';
import { APP_VERSION, makeTempDir } from '../casefile/support';

/**
 * The status filter in SQL (status-sql.ts) against registerStatus, the rule: on a real encrypted
 * scheme file, for random certificates with random histories and conditions, on every boundary day
 * (each due date, expiry, event and condition date, the "due soon" edges, and the days either side),
 * the state SQL computes is the state registerStatus computes.
 */

const temp = makeTempDir('copanel-register-sql-');
let scheme: SchemeFile;
let serial = 0;

beforeAll(async () => {
  scheme = await createSchemeFile({
    path: join(temp.dir, 'status.copanel-scheme'),
    schemeName: 'Northfield Kitemark Scheme (fictional)',
    passphrase: 'juniper-lattice-ember-salmon-quiver',
    appVersion: APP_VERSION,
    createdBy: 'Mo Reyes',
  });
}, 60_000);
afterAll(async () => {
  await scheme.close();
  temp.cleanup();
});

const DAY_OFFSET = fc.integer({ min: -40, max: 1200 });
const RECORDED = fc.constantFrom(
  '2026-01-01T10:00:00.000Z',
  '2026-01-01T10:00:00.000Z',
  '2026-02-01T09:00:00.000Z',
);
const certificate = fc.record({
  decision: fc.integer({ min: 0, max: 4 * 366 }).map((days) => addDays('2023-01-01', days)),
  events: fc.array(
    fc.record({
      kind: fc.constantFrom(...REGISTER_EVENT_KINDS),
      offset: DAY_OFFSET,
      recordedAt: RECORDED,
      // An appeal's own hold and its lifting, or the scheme office's (status.ts currentSuspension).
      byAppeal: fc.boolean(),
    }),
    { maxLength: 5 },
  ),
  conditions: fc.array(fc.record({ due: DAY_OFFSET, met: fc.option(DAY_OFFSET, { nil: null }) }), {
    maxLength: 3,
  }),
});

type Generated = typeof certificate extends fc.Arbitrary<infer T> ? T : never;

function reasonFor(event: Generated['events'][number]): string | null {
  if (event.kind === 'suspended') return event.byAppeal ? UNDER_APPEAL : 'a reason';
  if (event.kind === 'reinstated') return event.byAppeal ? APPEAL_LIFTS[0] : null;
  return event.kind === 'revoked' ? 'a reason' : null;
}

async function store(generated: Generated): Promise<string[]> {
  const number = `SQL-${String((serial += 1)).padStart(6, '0')}`;
  const dates = validityDates(generated.decision);
  const on = (offset: number) => addDays(generated.decision, offset);
  await scheme.mutate('test', 'test.certificate_stored', { number }, async (trx) => {
    await trx
      .insertInto('register_entry')
      .values({
        certificate_number: number,
        organisation: 'Harbour Minds (fictional)',
        level: 1,
        decision_date: dates.decisionDate,
        interim_review_due: dates.interimReviewDue,
        valid_until: dates.validUntil,
        standard_version: null,
        signers_json: '[]',
        audit_head_entries: null,
        audit_head_hash: null,
        qr_payload: '',
        qr_signer_key_id: 'k',
        qr_signer_spki: 'k',
        pdf_sha256: 'a'.repeat(64),
        source: 'certificate_pdf',
        imported_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    for (const event of generated.events)
      await trx
        .insertInto('register_event')
        .values({
          id: randomUUID(),
          certificate_number: number,
          kind: event.kind,
          on_date: on(event.offset),
          reason: reasonFor(event),
          superseded_by: event.kind === 'superseded' ? 'SQL-NEWER' : null,
          recorded_by: 'test',
          recorded_at: event.recordedAt,
        })
        .execute();
    for (const condition of generated.conditions)
      await trx
        .insertInto('register_condition')
        .values({
          id: randomUUID(),
          certificate_number: number,
          condition: 'Publish the peer involvement plan',
          due_on: on(condition.due),
          met_on: condition.met === null ? null : on(condition.met),
          recorded_at: '2026-01-01T00:00:00.000Z',
        })
        .execute();
  });
  const edges = [
    dates.decisionDate,
    dates.interimReviewDue,
    addDays(dates.interimReviewDue, -DUE_SOON_DAYS),
    dates.validUntil,
    ...generated.events.map((event) => on(event.offset)),
    ...generated.conditions.flatMap((condition) => [
      on(condition.due),
      addDays(on(condition.due), -DUE_SOON_DAYS),
      ...(condition.met === null ? [] : [on(condition.met)]),
    ]),
  ];
  return [number, ...new Set(edges.flatMap((day) => [addDays(day, -1), day, addDays(day, 1)]))];
}

async function stateInSql(number: string, today: string): Promise<string> {
  const row = await scheme.db
    .selectFrom('register_entry as e')
    .select(registerStateSql(today).as('state'))
    .where('e.certificate_number', '=', number)
    .executeTakeFirstOrThrow();
  return row.state;
}

describe('the status filter in SQL', () => {
  it('agrees with registerStatus on every boundary day of random certificates', async () => {
    await fc.assert(
      fc.asyncProperty(certificate, async (generated) => {
        const [number, ...days] = await store(generated);
        for (const today of days) {
          const rule = (await registerEntry(scheme, number!, today)).status.state;
          expect(await stateInSql(number!, today), `${number} on ${today}`).toBe(rule);
        }
      }),
      { numRuns: 250 },
    );
  }, 240_000);

  it('keeps the scheme office’s own suspension when a decided appeal lifts its hold, as registerStatus does', async () => {
    const event = (kind: 'suspended' | 'reinstated', offset: number, byAppeal: boolean) => ({
      kind,
      offset,
      recordedAt: '2026-01-01T10:00:00.000Z' as const,
      byAppeal,
    });
    const [number, ...days] = await store({
      decision: '2025-03-14',
      events: [event('suspended', 10, false), event('suspended', 20, true), event('reinstated', 30, true)],
      conditions: [],
    });
    expect((await registerEntry(scheme, number!, '2025-04-13')).status.state).toBe('suspended');
    for (const today of days)
      expect(await stateInSql(number!, today), today).toBe(
        (await registerEntry(scheme, number!, today)).status.state,
      );
  });

  it('gives the whole register the statuses registerStatus gives, words and all (states in SQL for certificates with no history)', async () => {
    // Certificates with nothing ever recorded against them, decided by their dates alone.
    for (const decision of ['2023-02-28', '2024-02-29', '2024-11-30', '2025-06-01', '2026-02-28'])
      await store({ decision, events: [], conditions: [] });
    const days = ['2024-02-29', '2025-08-31', '2026-03-01', '2026-04-29', '2026-08-31', '2027-12-01'];
    for (const today of days) {
      const entries = await listRegister(scheme, today);
      expect(entries.length).toBeGreaterThanOrEqual(5);
      for (const entry of entries)
        expect(entry.status, `${entry.certificateNumber} on ${today}`).toEqual(registerStatus(entry, today));
      const states = new Set(entries.map((entry) => entry.status.state));
      expect(states.size, `the states seen on ${today}`).toBeGreaterThan(1);
    }
  }, 120_000);

  it('filters a page of the register by status as registerStatus would', async () => {
    const today = '2026-03-01';
    const all = await searchRegister(scheme, { today });
    const revoked = await searchRegister(scheme, { today, states: ['revoked', 'suspended'], limit: 5 });
    const expected = all.entries.filter((entry) => ['revoked', 'suspended'].includes(entry.status.state));
    expect(revoked.total).toBe(expected.length);
    expect(revoked.entries.map((entry) => entry.certificateNumber)).toEqual(
      expected.slice(0, 5).map((entry) => entry.certificateNumber),
    );
    const second = await searchRegister(scheme, { today, query: 'sql-000002' });
    expect(second.entries.map((entry) => entry.certificateNumber)).toEqual(['SQL-000002']);
    expect((await searchRegister(scheme, { today, query: '%' })).total).toBe(0);
  });
});
