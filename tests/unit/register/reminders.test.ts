import { describe, expect, it } from 'vitest';
import { dueSoon, registerStatus, remindersIcs } from '../../../src/main/register';
import type { RegisterEntry } from '../../../src/shared/api';

function entry(
  number: string,
  organisation: string,
  decisionDate: string,
  extra: Partial<RegisterEntry> = {},
): RegisterEntry {
  const [y, m, d] = decisionDate.split('-');
  const base = {
    decisionDate,
    interimReviewDue: `${Number(y) + 1}-${String(Number(m) + 6).padStart(2, '0')}-${d}`,
    validUntil: `${Number(y) + 3}-${m}-${d}`,
    conditions: extra.conditions ?? [],
    events: extra.events ?? [],
  };
  return {
    certificateNumber: number,
    organisation,
    level: 1,
    standardVersion: null,
    signers: [],
    auditHead: null,
    qrSignerKeyId: '00',
    qrSignerPublicKey: 'AA',
    pdfSha256: 'ab'.repeat(32),
    source: 'certificate_pdf',
    importedAt: `${decisionDate}T10:00:00.000Z`,
    contact: null,
    ...base,
    status: registerStatus(base, '2026-01-10'),
    ...extra,
  };
}

describe('due soon', () => {
  it('lists interim reviews, conditions and renewals by date, overdue ones marked, ended certificates left out', () => {
    const entries = [
      entry('CPS-1', 'Harbour Minds (fictional)', '2024-06-15'), // interim 2025-12-15 (overdue), renewal 2027
      entry('CPS-2', 'Riverside, "Mind" (fictional)', '2025-01-20', {
        conditions: [
          {
            id: 'c1',
            condition: 'Publish the coproduction policy',
            dueOn: '2026-02-01',
            metOn: null,
            metNote: null,
            metRecordedBy: null,
          },
        ],
      }),
      entry('CPS-3', 'Withdrawn Trust (fictional)', '2024-06-01', {
        events: [
          {
            kind: 'revoked',
            onDate: '2025-01-01',
            reason: 'withdrawn',
            supersededBy: null,
            recordedBy: 'Mo',
          },
        ],
      }),
    ];
    const reminders = dueSoon(entries, '2026-01-10', 90);
    expect(reminders.map((r) => [r.dueOn, r.kind, r.certificateNumber, r.overdue])).toEqual([
      ['2025-12-15', 'interim_review', 'CPS-1', true],
      ['2026-02-01', 'condition', 'CPS-2', false],
    ]);
    const ics = remindersIcs(
      reminders,
      'Northfield Kitemark Scheme (fictional)',
      new Date('2026-01-10T09:00:00Z'),
    );
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('DTSTART;VALUE=DATE:20251215\r\nDTEND;VALUE=DATE:20251216');
    expect(ics).toContain('Riverside\\, "Mind" (fictional)');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });
});
