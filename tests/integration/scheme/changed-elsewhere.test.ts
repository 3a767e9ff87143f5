import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke, localApiContext, openScheme, type ApiContext } from '../../../src/main/api';
import { nodeRuntime } from '../../../src/main/runtime';
import type { AssessorFields, FeeSchedule } from '../../../src/shared/api';
import { expectUserError, makeTempDir, PASSPHRASE } from '../casefile/support';

/**
 * Two tabs (or two people sharing the scheme file) on the scheme office's whole-record forms, on a
 * real encrypted scheme file. Each form sends what it was shown (`savedBefore`); a form showing a
 * record that was changed meanwhile is refused in plain words, naming what changed, and saves
 * nothing: the record stays as the other tab left it, and no audit entry is added.
 */

const temp = makeTempDir('copanel-scheme-changed-elsewhere-');
let ctx: ApiContext;

beforeAll(async () => {
  const workspaceDir = join(temp.dir, 'workspace');
  mkdirSync(workspaceDir, { recursive: true });
  ctx = localApiContext(nodeRuntime('cli', { workspaceDir, userDataDir: join(temp.dir, 'user-data') }));
  await invoke(
    'scheme.create',
    {
      fileName: 'northfield',
      schemeName: 'Northfield Kitemark Scheme (fictional)',
      passphrase: PASSPHRASE,
      yourName: 'Mo Reyes',
    },
    ctx,
  );
});

afterAll(async () => {
  await invoke('scheme.close', {}, ctx).catch(() => undefined);
  temp.cleanup();
});

const auditEntries = async (): Promise<number> => (await openScheme(ctx).file.details()).auditEntries;

/** Refused as changed elsewhere, naming `changed`, with no audit entry added. */
async function expectRefused(attempt: Promise<unknown>, changed: string): Promise<void> {
  const before = await auditEntries();
  const refusal = await expectUserError(attempt);
  expect(refusal.code).toBe('CHANGED_ELSEWHERE');
  expect(refusal.message).toContain('changed in another window or tab, or by someone else');
  expect(refusal.message).toContain(`(the ${changed})`);
  expect(refusal.message).toContain('your changes were not saved');
  expect(await auditEntries()).toBe(before);
}

describe('an assessor’s details edited in two tabs', () => {
  it('refuses the out-of-date tab, keeps the first tab’s change, and saves once it starts from what is saved', async () => {
    const shown: AssessorFields = {
      name: 'Ngozi Adeyemi (fictional)',
      roles: ['assessor'],
      email: 'ngozi@example.org',
      phone: '',
      consentToBeNamed: false,
      signingKeyId: '',
    };
    const { id: assessorId } = await invoke('scheme.addAssessor', { assessor: shown }, ctx);

    const first = await invoke(
      'scheme.editAssessor',
      { assessorId, assessor: { ...shown, phone: '0113 496 0000' }, savedBefore: shown },
      ctx,
    );
    expect(first.phone).toBe('0113 496 0000');

    await expectRefused(
      invoke(
        'scheme.editAssessor',
        { assessorId, assessor: { ...shown, consentToBeNamed: true }, savedBefore: shown },
        ctx,
      ),
      'phone',
    );
    const [now] = await invoke('scheme.assessors', {}, ctx);
    expect(now).toMatchObject({ phone: '0113 496 0000', consentToBeNamed: false });

    const current = { ...shown, phone: '0113 496 0000' };
    const saved = await invoke(
      'scheme.editAssessor',
      { assessorId, assessor: { ...current, consentToBeNamed: true }, savedBefore: current },
      ctx,
    );
    expect(saved).toMatchObject({ phone: '0113 496 0000', consentToBeNamed: true });
  });
});

describe('the scheme’s settings changed in two tabs', () => {
  it('refuses the out-of-date tab, keeps the first tab’s change, and saves once it starts from what is saved', async () => {
    const shown = await invoke('scheme.settings', {}, ctx);
    expect(shown).toEqual({ refresherYears: 2, trainingPolicy: 'warn', appealDays: 28 });

    await invoke(
      'scheme.changeSettings',
      { settings: { ...shown, appealDays: 42 }, savedBefore: shown },
      ctx,
    );

    await expectRefused(
      invoke(
        'scheme.changeSettings',
        { settings: { ...shown, trainingPolicy: 'block' }, savedBefore: shown },
        ctx,
      ),
      'days allowed for an appeal',
    );
    expect(await invoke('scheme.settings', {}, ctx)).toEqual({ ...shown, appealDays: 42 });

    const current = { ...shown, appealDays: 42 };
    expect(
      await invoke(
        'scheme.changeSettings',
        { settings: { ...current, trainingPolicy: 'block' }, savedBefore: current },
        ctx,
      ),
    ).toEqual({ refresherYears: 2, trainingPolicy: 'block', appealDays: 42 });
  });
});

describe('the calibration thresholds set in two tabs', () => {
  it('refuses the out-of-date tab, keeps the first tab’s change, and saves once it starts from what is saved', async () => {
    const shown = (await invoke('calibration.overview', {}, ctx)).thresholds;
    expect(shown).toEqual({ withinOnePercent: 90, alphaThousandths: 670 });

    await invoke('calibration.setThresholds', { ...shown, withinOnePercent: 85, savedBefore: shown }, ctx);

    await expectRefused(
      invoke('calibration.setThresholds', { ...shown, alphaThousandths: 700, savedBefore: shown }, ctx),
      'share of criteria within one point',
    );
    expect((await invoke('calibration.overview', {}, ctx)).thresholds).toEqual({
      withinOnePercent: 85,
      alphaThousandths: 670,
    });

    const current = { withinOnePercent: 85, alphaThousandths: 670 };
    expect(
      await invoke(
        'calibration.setThresholds',
        { ...current, alphaThousandths: 700, savedBefore: current },
        ctx,
      ),
    ).toEqual({ withinOnePercent: 85, alphaThousandths: 700 });
  });
});

describe('the fee schedule set in two tabs', () => {
  const schedule: FeeSchedule = {
    rates: {
      dayRatePence: 30_000,
      halfDayRatePence: 16_000,
      hourlyRatePence: 4_000,
      mileagePencePerMile: 45,
    },
    bank: {
      payee: 'Northfield Kitemark Scheme (fictional)',
      bank: 'Example Bank',
      sortCode: '12-34-56',
      accountNumber: '12345678',
    },
  };

  it('refuses a tab that showed no schedule once another tab has set one', async () => {
    expect(await invoke('fees.schedule', {}, ctx)).toBeNull();
    await invoke('fees.setSchedule', { ...schedule, savedBefore: null }, ctx);
    await expectRefused(
      invoke(
        'fees.setSchedule',
        { ...schedule, rates: { ...schedule.rates, mileagePencePerMile: 50 }, savedBefore: null },
        ctx,
      ),
      'day rate, half-day rate, hourly rate, mileage rate, payee, bank, sort code, account number',
    );
    expect(await invoke('fees.schedule', {}, ctx)).toEqual(schedule);
  });

  it('refuses the out-of-date tab, keeps the first tab’s change, and saves once it starts from what is saved', async () => {
    const shown = schedule;
    const changed = { ...shown, rates: { ...shown.rates, dayRatePence: 32_000 } };
    await invoke('fees.setSchedule', { ...changed, savedBefore: shown }, ctx);

    await expectRefused(
      invoke(
        'fees.setSchedule',
        { ...shown, bank: { ...shown.bank, sortCode: '65-43-21' }, savedBefore: shown },
        ctx,
      ),
      'day rate',
    );
    expect(await invoke('fees.schedule', {}, ctx)).toEqual(changed);

    const saved = await invoke(
      'fees.setSchedule',
      { ...changed, bank: { ...changed.bank, sortCode: '65-43-21' }, savedBefore: changed },
      ctx,
    );
    expect(saved).toEqual({ ...changed, bank: { ...changed.bank, sortCode: '65-43-21' } });
  });
});
