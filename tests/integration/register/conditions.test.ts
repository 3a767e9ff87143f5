import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke, type ApiContext } from '../../../src/main/api';
import { addDays } from '../../../src/main/register';
import { expectUserError, makeTempDir } from '../casefile/support';
import { demoWithSchemeOffice } from './demo-office';

/**
 * Conditions of an award in the app (issue 15): added and recorded as met through the app's
 * contract on a real encrypted scheme file, with plain refusals, audited in the scheme file's hash
 * chain, and the certificate's status and "Due soon" following them on the injected clock.
 */

const temp = makeTempDir('copanel-register-conditions-');
afterAll(() => temp.cleanup());

const SCHEME_PASSPHRASE = 'juniper-lattice-ember-salmon-quiver';
const OFFICE = 'Mo Reyes (fictional)';
const CONDITION = 'Publish the coproduction policy on the organisation’s website';
let ctx: ApiContext;
let schemePath: string;
let number: string;
let decisionDate: string;
let validUntil: string;

/** The same app (the same open scheme file) with its clock set to another day. */
const on = (today: string): ApiContext => ({ ...ctx, runtime: { ...ctx.runtime, testToday: today } });

beforeAll(async () => {
  let demo: string;
  ({ demo, ctx, schemePath } = await demoWithSchemeOffice(temp.dir, {
    schemeName: 'Northfield Kitemark Scheme (fictional)',
    passphrase: SCHEME_PASSPHRASE,
    yourName: OFFICE,
  }));
  const { entry } = await invoke(
    'register.importCertificate',
    {
      fileName: 'certificate.pdf',
      base64: readFileSync(join(demo, 'certificate.pdf')).toString('base64'),
    },
    ctx,
  );
  ({ certificateNumber: number, decisionDate, validUntil } = entry);
}, 240_000);

describe('conditions of an award', () => {
  it('refuses a due date before the award, on or after expiry, or not on the calendar, and an empty condition, in plain words', async () => {
    const before = await expectUserError(
      invoke(
        'register.addCondition',
        { certificateNumber: number, condition: CONDITION, dueOn: addDays(decisionDate, -1) },
        ctx,
      ),
    );
    expect(before.code).toBe('INVALID_INPUT');
    expect(before.message).toContain('A condition cannot fall due before the award');
    const atExpiry = await expectUserError(
      invoke(
        'register.addCondition',
        { certificateNumber: number, condition: CONDITION, dueOn: validUntil },
        ctx,
      ),
    );
    expect(atExpiry.message).toContain(`before the certificate expires on ${validUntil}`);
    const notADate = await expectUserError(
      invoke(
        'register.addCondition',
        { certificateNumber: number, condition: CONDITION, dueOn: '2027-02-30' },
        ctx,
      ),
    );
    expect(notADate.code).toBe('INVALID_INPUT');
    const empty = await expectUserError(
      invoke(
        'register.addCondition',
        { certificateNumber: number, condition: '  ', dueOn: decisionDate },
        ctx,
      ),
    );
    expect(empty.message).toContain('Say what must be done');
    const unknown = await expectUserError(
      invoke(
        'register.addCondition',
        { certificateNumber: 'CPS-0000-00000000', condition: CONDITION, dueOn: decisionDate },
        ctx,
      ),
    );
    expect(unknown.code).toBe('NOT_IN_REGISTER');
    const fromTheRoom = await expectUserError(
      invoke(
        'register.addCondition',
        { certificateNumber: number, condition: CONDITION, dueOn: decisionDate },
        { ...ctx, schemeOffice: undefined },
      ),
    );
    expect(fromTheRoom.code).toBe('FORBIDDEN');
    expect((await invoke('register.list', {}, ctx)).entries[0]!.conditions).toEqual([]);
  });

  it('adds a condition (due, then overdue on the clock), records it met (valid again), audited and encrypted', async () => {
    const dueOn = addDays(decisionDate, 60);
    const added = await invoke(
      'register.addCondition',
      { certificateNumber: number, condition: `  ${CONDITION}  `, dueOn },
      on(addDays(dueOn, -10)),
    );
    expect(added.conditions).toEqual([
      {
        id: expect.any(String),
        condition: CONDITION,
        dueOn,
        metOn: null,
        metNote: null,
        metRecordedBy: null,
      },
    ]);
    expect(added.status).toMatchObject({ state: 'conditions_due', date: dueOn });
    const conditionId = added.conditions[0]!.id;

    // The day after it was due: overdue in the list and first in Due soon.
    const late = addDays(dueOn, 1);
    const listed = await invoke('register.list', {}, on(late));
    expect(listed.entries[0]!.status).toMatchObject({ state: 'conditions_overdue', date: dueOn });
    const overdue = await invoke('register.list', { states: ['conditions_overdue'] }, on(late));
    expect(overdue.total).toBe(1);
    const due = await invoke('register.dueSoon', {}, on(late));
    expect(due.reminders[0]).toMatchObject({ kind: 'condition', conditionId, dueOn, overdue: true });

    // Recording it met: not in the future, not before the award; then once only.
    const future = await expectUserError(
      invoke('register.meetCondition', { conditionId, metOn: addDays(late, 1) }, on(late)),
    );
    expect(future.message).toContain(`on or before today (${late})`);
    const early = await expectUserError(
      invoke('register.meetCondition', { conditionId, metOn: addDays(decisionDate, -1) }, on(late)),
    );
    expect(early.message).toContain('cannot be met before the award');
    const nobody = await expectUserError(
      invoke('register.meetCondition', { conditionId: 'no-such-condition' }, on(late)),
    );
    expect(nobody.code).toBe('NOT_IN_REGISTER');
    const met = await invoke(
      'register.meetCondition',
      { conditionId, note: 'Seen on their website; link kept in the case notes.' },
      on(late),
    );
    expect(met.conditions[0]).toMatchObject({
      metOn: late,
      metNote: 'Seen on their website; link kept in the case notes.',
      metRecordedBy: OFFICE,
    });
    expect(met.status.state).toBe('valid');
    expect((await invoke('register.dueSoon', {}, on(late))).reminders.map((r) => r.kind)).not.toContain(
      'condition',
    );
    const again = await expectUserError(invoke('register.meetCondition', { conditionId }, on(late)));
    expect(again.code).toBe('CONDITION_ALREADY_MET');
    expect(again.message).toContain(`already recorded as met on ${late}`);

    // Audited in the scheme file's hash chain, by the name the file was opened with.
    const scheme = ctx.schemeOffice!.openScheme!.file;
    const audit = await scheme.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', 'like', 'register.condition_%')
      .execute();
    expect(audit).toEqual([
      { action: 'register.condition_added', actor: OFFICE },
      { action: 'register.condition_met', actor: OFFICE },
    ]);
    expect((await scheme.verifyAuditChain()).ok).toBe(true);
    expect(readFileSync(schemePath).includes(Buffer.from('coproduction policy'))).toBe(false);
  });

  it('adds no condition to a withdrawn certificate', async () => {
    await invoke(
      'register.record',
      { certificateNumber: number, kind: 'revoked', reason: 'Conditions not kept (fictional)' },
      ctx,
    );
    const refused = await expectUserError(
      invoke(
        'register.addCondition',
        { certificateNumber: number, condition: CONDITION, dueOn: decisionDate },
        ctx,
      ),
    );
    expect(refused.code).toBe('CERTIFICATE_NOT_IN_FORCE');
    expect(refused.message).toContain('is withdrawn');
  });
});
