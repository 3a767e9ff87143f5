import { describe, expect, it } from 'vitest';
import type { PanelMember } from '../../../src/shared/api';
import { ApiCallError } from '../../../src/renderer/src/app/client-context';
import { checkEvidenceDraft, draftFrom } from '../../../src/renderer/src/features/evidence/evidenceDraft';
import { describeFieldErrors, serverFieldErrors } from '../../../src/renderer/src/ui/formSupport';
import { describeConflict, describeSheet } from '../../../src/renderer/src/features/panel/panelWords';
import { checkDecision, levelWords } from '../../../src/renderer/src/features/decision/decisionWords';

const sheet: PanelMember['sheet'] = {
  status: 'in_progress',
  scoredCount: 7,
  criteriaCount: 19,
  exclusionReason: null,
  enteredFromPaper: false,
};
const member = (changes: Partial<PanelMember>): PanelMember => ({
  id: 'm1',
  name: 'Sam',
  role: 'assessor',
  consentToBeNamed: true,
  hasPin: true,
  pinToChoose: false,
  conflict: { status: 'not_declared' },
  sheet,
  ...changes,
});

describe('the evidence form', () => {
  it('asks for a title and a real date before anything is sent', () => {
    const draft = { ...draftFrom(undefined), title: '  ', date: '2026-02-30' };
    expect(checkEvidenceDraft(draft)).toEqual({
      title: 'Give the evidence a title.',
      date: 'Write the date as year-month-day, for example 2026-03-14.',
    });
    expect(checkEvidenceDraft({ ...draft, title: 'Survey', date: '' })).toEqual({});
  });

  it('shows the server’s per-field problems beside the fields they are about', () => {
    const error = new ApiCallError({
      code: 'INVALID_INPUT',
      message: 'Some of the information sent was not right.',
      details: [
        { field: ['evidence', 'title'], message: 'Give the evidence a title.' },
        { field: ['caseId'], message: 'Not a case.' },
      ],
    });
    expect(serverFieldErrors(error, 'evidence.')).toEqual({ title: 'Give the evidence a title.' });
    expect(serverFieldErrors(new Error('plain'))).toEqual({});
    expect(describeFieldErrors({ title: 'Give the evidence a title.' }, { title: 'Title' })).toBe(
      'Please check this. Title: Give the evidence a title.',
    );
  });
});

describe('the panel in words', () => {
  it('says where a conflict of interest stands, with the lead’s reason', () => {
    expect(describeConflict({ status: 'not_declared' }).headline).toBe('Not declared yet');
    const declared = {
      status: 'declared' as const,
      text: 'I used this service.',
      declaredAt: '2026-03-01T10:00:00Z',
      declaredBy: 'themselves' as const,
    };
    expect(describeConflict({ ...declared, decision: null }).headline).toBe(
      'Declared — waiting for the lead assessor’s decision',
    );
    const allowed = describeConflict({
      ...declared,
      decision: {
        outcome: 'allowed',
        reason: 'Long ago.',
        decidedBy: 'Priya',
        decidedAt: '2026-03-02T10:00:00Z',
      },
    });
    expect(allowed.headline).toBe('Declared — allowed to take part');
    expect(allowed.detail).toEqual([
      'They declared: “I used this service.”',
      'The lead assessor’s reason: Long ago.',
    ]);
  });

  it('says when the lead assessor recorded a declaration for the member', () => {
    const byLead = describeConflict({
      status: 'none',
      declaredAt: '2026-03-01T10:00:00Z',
      declaredBy: 'lead',
    });
    expect(byLead.detail).toEqual(['Recorded by the lead assessor']);
    const own = describeConflict({
      status: 'none',
      declaredAt: '2026-03-01T10:00:00Z',
      declaredBy: 'themselves',
    });
    expect(own.detail).toEqual([]);
  });

  it('shows score sheet progress without any scores, and observers as not scoring', () => {
    expect(describeSheet(member({}))).toBe('In progress — 7 of 19 scored');
    expect(
      describeSheet(
        member({ sheet: { ...sheet, status: 'submitted', scoredCount: 19, enteredFromPaper: true } }),
      ),
    ).toBe('Submitted — 19 of 19 scored, entered from a paper sheet');
    expect(
      describeSheet(
        member({ sheet: { ...sheet, status: 'excluded', exclusionReason: 'Conflict of interest' } }),
      ),
    ).toBe('Left out of moderation: Conflict of interest (7 of 19 scored)');
    expect(describeSheet(member({ role: 'observer' }))).toMatch(/^Does not score/);
  });
});

describe('the decision', () => {
  it('names the level in words', () => {
    expect(levelWords({ level: 2, levelName: 'Level 2: Co-designing' })).toBe('Level 2: Co-designing');
    expect(levelWords({ level: 1, levelName: 'Engaged' })).toBe('Level 1 — Engaged');
    expect(levelWords({ level: 'not_yet_awarded', levelName: null })).toBe('Not yet awarded');
  });

  it('asks for a decision date and, for every condition, its words and a due date', () => {
    expect(checkDecision('2026-03-14', [])).toEqual({});
    expect(checkDecision('14/03/2026', [{ text: ' ', dueDate: '2026-13-01' }])).toEqual({
      decisionDate: 'Enter the decision date. Write it as year-month-day, for example 2026-03-14.',
      'conditions.0.text': 'Write the condition, or remove this row.',
      'conditions.0.dueDate': 'Enter the date it is due. Write it as year-month-day, for example 2026-03-14.',
    });
  });
});
