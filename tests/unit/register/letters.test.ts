import { describe, expect, it } from 'vitest';
import { reminderFor, reminderLetterView } from '../../../src/main/register';
import type { RegisterEntry } from '../../../src/shared/api';
import { registerEntryOn } from './entry';

const CONDITION = {
  id: 'c1',
  condition: 'Publish the coproduction policy',
  dueOn: '2026-06-01',
  metOn: null,
  metNote: null,
  metRecordedBy: null,
};

const entry = (today: string, contact: RegisterEntry['contact'] = null): RegisterEntry =>
  registerEntryOn(today, { conditions: [CONDITION], contact });

const CONTACT = {
  organisation: 'Riverside Mind (fictional)',
  contactName: 'Ada Quayle (fictional)',
  email: 'ada@riverside.example',
  phone: null,
  postalAddress: '1 Quay Street\nNorthfield\nNF1 2AB',
  updatedBy: 'Mo Reyes',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('reminder letters', () => {
  it('writes to the contact at their postal address, in plain words, for each kind of reminder', () => {
    const today = '2027-05-04';
    const due = entry(today, CONTACT);
    const interim = reminderLetterView(
      reminderFor(due, today, 'interim_review'),
      due,
      'Northfield Scheme',
      today,
    );
    expect(interim.addressLines).toEqual([
      'Ada Quayle (fictional)',
      'Riverside Mind (fictional)',
      '1 Quay Street',
      'Northfield',
      'NF1 2AB',
    ]);
    expect(interim.alsoBy).toEqual(['By email: ada@riverside.example']);
    expect(interim.greeting).toBe('Dear Ada Quayle (fictional),');
    expect(interim.subject).toBe('Your interim review was due on 3 May 2027');
    expect(interim.dated).toBe('4 May 2027');

    const condition = reminderLetterView(
      reminderFor(due, today, 'condition', 'c1'),
      due,
      'Northfield Scheme',
      today,
    );
    expect(condition.subject).toBe('A condition of your award was due on 1 June 2026');
    expect(condition.paragraphs[0]).toContain('“Publish the coproduction policy”');

    const renewal = reminderLetterView(reminderFor(due, today, 'renewal'), due, 'Northfield Scheme', today);
    expect(renewal.subject).toBe('Your certificate expires on 2 November 2028');
  });

  it('greets the organisation when no contact is recorded, and refuses a letter about nothing due', () => {
    const today = '2026-01-10';
    const plain = entry(today);
    const view = reminderLetterView(
      reminderFor(plain, today, 'interim_review'),
      plain,
      'Northfield Scheme',
      today,
    );
    expect(view.greeting).toBe('Dear colleagues at Riverside Mind (fictional),');
    expect(view.subject).toBe('Your interim review is due by 3 May 2027');
    expect(() => reminderFor(plain, today, 'condition', 'no-such-condition')).toThrow(
      /Nothing of that kind is due/,
    );
  });
});
