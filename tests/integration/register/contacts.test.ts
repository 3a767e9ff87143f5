import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke, type ApiContext } from '../../../src/main/api';
import { DEMO_CASE_FILE, DEMO_PANEL } from '../../../src/main/demo';
import { addDays } from '../../../src/main/register';
import { expectUserError, makeTempDir } from '../casefile/support';
import { DEMO_PASSPHRASE, copanel } from '../certificates/support';
import { demoWithSchemeOffice } from './demo-office';

/**
 * Organisation contacts in the register (scheme-file migration 6), "Due soon", the reminder letter
 * and the calendar, through the app's contract on a real encrypted scheme file, with the app's
 * injected clock (`testToday`, COPANEL_TEST_TODAY in browser mode) moved past the interim review.
 */

const temp = makeTempDir('copanel-register-contacts-');
afterAll(() => temp.cleanup());

const SCHEME_PASSPHRASE = 'juniper-lattice-ember-salmon-quiver';
const SCHEME_NAME = 'Northfield Kitemark Scheme (fictional)';
const ORGANISATION = 'Harbour Minds Community Wellbeing Trust';
let demo: string;
let ctx: ApiContext;
let schemePath: string;

/** The same app (the same open scheme file) with its clock set to another day. */
const on = (today: string): ApiContext => ({ ...ctx, runtime: { ...ctx.runtime, testToday: today } });

function pdfText(pdf: Buffer): string {
  const file = join(temp.dir, `letter-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  expect(spawnSync('qpdf', ['--check', file], { encoding: 'utf8' }).status).toBe(0);
  return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  ({ demo, ctx, schemePath } = await demoWithSchemeOffice(temp.dir, {
    schemeName: SCHEME_NAME,
    passphrase: SCHEME_PASSPHRASE,
    yourName: 'Mo Reyes',
  }));
}, 240_000);

describe('organisation contacts in the register', () => {
  it('refuses a contact with no way to reach them, a bad email or an organisation not in the register, in plain words', async () => {
    const noWay = await expectUserError(
      invoke('register.setContact', { organisation: ORGANISATION, contact: { contactName: 'Ada' } }, ctx),
    );
    expect(noWay.code).toBe('INVALID_INPUT');
    expect(noWay.message).toContain('Give at least one way to reach them');
    const badEmail = await expectUserError(
      invoke('register.setContact', { organisation: ORGANISATION, contact: { email: 'not-an-email' } }, ctx),
    );
    expect(badEmail.message).toContain('That is not an email address.');
    const badPhone = await expectUserError(
      invoke('register.setContact', { organisation: ORGANISATION, contact: { phone: 'call me' } }, ctx),
    );
    expect(badPhone.message).toContain('Write the phone number with digits');
    const unknown = await expectUserError(
      invoke('register.setContact', { organisation: ORGANISATION, contact: { phone: '0113 496 0000' } }, ctx),
    );
    expect(unknown.code).toBe('NOT_IN_REGISTER');
  });

  it('keeps the contact (audited, encrypted, never published), and uses it in Due soon, the letter and the calendar', async () => {
    const pdf = readFileSync(join(demo, 'certificate.pdf'));
    const { entry } = await invoke(
      'register.importCertificate',
      { fileName: 'certificate.pdf', base64: pdf.toString('base64') },
      ctx,
    );
    expect(entry.contact).toBeNull();
    const saved = await invoke(
      'register.setContact',
      {
        organisation: ORGANISATION,
        contact: {
          contactName: 'Ada Quayle (fictional)',
          email: 'ada.quayle@harbour-minds.example',
          phone: '',
          postalAddress: '1 Quay Street\r\nNorthfield\r\nNF1 2AB',
        },
      },
      ctx,
    );
    expect(saved).toMatchObject({ phone: null, postalAddress: '1 Quay Street\nNorthfield\nNF1 2AB' });
    await invoke(
      'register.setContact',
      {
        organisation: ORGANISATION,
        contact: {
          contactName: 'Ada Quayle (fictional)',
          email: 'ada.quayle@harbour-minds.example',
          phone: '+44 113 496 0000',
          postalAddress: '1 Quay Street\nNorthfield\nNF1 2AB',
        },
      },
      ctx,
    );
    const listed = (await invoke('register.list', {}, ctx)).entries[0]!;
    expect(listed.contact).toMatchObject({
      contactName: 'Ada Quayle (fictional)',
      phone: '+44 113 496 0000',
      updatedBy: 'Mo Reyes',
    });

    // Audited in the scheme file's hash chain, and unreadable on disk without the passphrase.
    const scheme = ctx.schemeOffice!.openScheme!.file;
    const audit = await scheme.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', '=', 'register.contact_set')
      .execute();
    expect(audit).toEqual([
      { action: 'register.contact_set', actor: 'Mo Reyes' },
      { action: 'register.contact_set', actor: 'Mo Reyes' },
    ]);
    expect((await scheme.verifyAuditChain()).ok).toBe(true);
    expect(readFileSync(schemePath).includes(Buffer.from('harbour-minds.example'))).toBe(false);

    // After the interim review date (the injected clock), it is overdue, with the contact.
    const after = addDays(listed.interimReviewDue, 1);
    const due = await invoke('register.dueSoon', {}, on(after));
    expect(due.asOf).toBe(after);
    const interim = due.reminders.find((reminder) => reminder.kind === 'interim_review')!;
    expect(interim).toMatchObject({ overdue: true, dueOn: listed.interimReviewDue });
    expect(interim.contact?.email).toBe('ada.quayle@harbour-minds.example');
    const before = await invoke('register.dueSoon', { withinDays: 30 }, on(listed.decisionDate));
    expect(before.reminders).toEqual([]);

    const letter = await invoke(
      'register.reminderLetter',
      { certificateNumber: listed.certificateNumber, kind: 'interim_review' },
      on(after),
    );
    const text = pdfText(Buffer.from(letter.base64, 'base64'));
    expect(text).toContain(SCHEME_NAME);
    expect(text).toContain('Ada Quayle (fictional)');
    expect(text).toContain('1 Quay Street');
    expect(text).toContain('NF1 2AB');
    expect(text).toContain('Dear Ada Quayle (fictional),');
    expect(text).toMatch(/Your interim review was due on \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(text).toContain(listed.certificateNumber);
    const nothing = await expectUserError(
      invoke(
        'register.reminderLetter',
        { certificateNumber: listed.certificateNumber, kind: 'condition', conditionId: 'none' },
        on(after),
      ),
    );
    expect(nothing.code).toBe('NOTHING_DUE');

    const calendar = await invoke('register.dueCalendar', {}, on(after));
    const ics = Buffer.from(calendar.base64, 'base64').toString('utf8').replace(/\r\n /g, '');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(
      'DESCRIPTION:Contact: Ada Quayle (fictional)\\nEmail: ada.quayle@harbour-minds.example',
    );

    // Contacts are people's details: the signed register for commissioners never carries them.
    const exported = await invoke(
      'register.export',
      {
        rootCertificateBase64: readFileSync(join(demo, 'scheme-root.pem')).toString('base64'),
        rootKeyBase64: readFileSync(join(demo, 'scheme-root-key.pem')).toString('base64'),
        rootPassphrase: DEMO_PASSPHRASE,
      },
      on(after),
    );
    expect(exported.files.map((file) => file.fileName)).toEqual([
      'register.json',
      'register.json.p7s',
      'register.json.jws',
      'register.csv',
      'register.pdf',
    ]);
    for (const file of exported.files)
      expect(Buffer.from(file.base64, 'base64').includes(Buffer.from('harbour-minds.example'))).toBe(false);
    const out = join(temp.dir, 'exported');
    mkdirSync(out, { recursive: true });
    for (const file of exported.files)
      writeFileSync(join(out, file.fileName), Buffer.from(file.base64, 'base64'));
    const verified = await copanel([
      'register',
      'verify',
      join(out, 'register.json'),
      '--trust',
      join(demo, 'scheme-root.pem'),
    ]);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toContain('its interim review was due on');
  }, 120_000);

  it('refuses a contact form out of date in another tab in plain words, saving nothing, and saves one that starts from what is saved', async () => {
    const shown = {
      contactName: 'Ada Quayle (fictional)',
      email: 'ada.quayle@harbour-minds.example',
      phone: '+44 113 496 0000',
      postalAddress: '1 Quay Street\nNorthfield\nNF1 2AB',
    };
    const scheme = ctx.schemeOffice!.openScheme!.file;
    await invoke(
      'register.setContact',
      { organisation: ORGANISATION, contact: { ...shown, phone: '' }, savedBefore: shown },
      ctx,
    );
    const auditBefore = (await scheme.details()).auditEntries;
    const refusal = await expectUserError(
      invoke(
        'register.setContact',
        {
          organisation: ORGANISATION,
          contact: { ...shown, contactName: 'Ada Quayle-Reid (fictional)' },
          savedBefore: shown,
        },
        ctx,
      ),
    );
    expect(refusal.code).toBe('CHANGED_ELSEWHERE');
    expect(refusal.message).toContain(
      `The contact details for ${ORGANISATION} were changed in another window or tab, or by someone else, after this page showed them (the phone), so your changes were not saved`,
    );
    expect((await scheme.details()).auditEntries).toBe(auditBefore);
    const kept = (await invoke('register.list', {}, ctx)).entries[0]!.contact;
    expect(kept).toMatchObject({ contactName: 'Ada Quayle (fictional)', phone: null });

    const current = { ...shown, phone: '' };
    const saved = await invoke(
      'register.setContact',
      {
        organisation: ORGANISATION,
        contact: { ...current, contactName: 'Ada Quayle-Reid (fictional)' },
        savedBefore: current,
      },
      ctx,
    );
    expect(saved).toMatchObject({ contactName: 'Ada Quayle-Reid (fictional)', phone: null });
  });

  it('adds the open case’s certificates when its lead asks, after the same check, and only its lead', async () => {
    const opened = await invoke(
      'case.open',
      { path: join(demo, DEMO_CASE_FILE), passphrase: DEMO_PASSPHRASE },
      ctx,
    );
    const caseId = opened.caseId;
    const notSignedIn = await expectUserError(invoke('register.importFromCase', { caseId }, ctx));
    expect(notSignedIn.code).toBe('NOT_SIGNED_IN');
    const members = await invoke('panel.list', { caseId }, ctx);
    const expert = members.find((member) => member.name === DEMO_PANEL.experts[0].name)!;
    await invoke('panel.signIn', { caseId, memberId: expert.id, pin: DEMO_PANEL.experts[0].pin }, ctx);
    const forbidden = await expectUserError(invoke('register.importFromCase', { caseId }, ctx));
    expect(forbidden.code).toBe('FORBIDDEN');
    const lead = members.find((member) => member.name === DEMO_PANEL.lead.name)!;
    await invoke('panel.signIn', { caseId, memberId: lead.id, pin: DEMO_PANEL.lead.pin }, ctx);
    const imported = await invoke('register.importFromCase', { caseId }, ctx);
    expect(imported).toHaveLength(1);
    // The same certificate was added from its PDF earlier: the same file changes nothing.
    expect(imported[0]).toMatchObject({ added: false, entry: { organisation: ORGANISATION } });
    await invoke('case.close', { caseId }, ctx);
  }, 120_000);

  it('reads an uploaded certificate as a stream, and refuses one larger than any certificate in plain words', async () => {
    const pdf = readFileSync(join(demo, 'certificate.pdf'));
    const streamed = await invoke(
      'register.importCertificate',
      { fileName: 'certificate.pdf', sizeBytes: pdf.length },
      { ...ctx, upload: Readable.from([pdf.subarray(0, 1000), pdf.subarray(1000)]) },
    );
    expect(streamed).toMatchObject({ added: false, entry: { organisation: ORGANISATION } });
    let sent = 0;
    const huge = new Readable({
      read() {
        sent += 1 << 20;
        this.push(sent > 64 << 20 ? null : Buffer.alloc(1 << 20, 0x25));
      },
    });
    const refused = await expectUserError(
      invoke('register.importCertificate', { fileName: 'huge.pdf' }, { ...ctx, upload: huge }),
    );
    expect(refused.code).toBe('PDF_NOT_SUPPORTED');
    expect(refused.message).toContain(
      '“huge.pdf” is 64 MB; the most the app checks as a certificate is 10 MB',
    );
    expect(sent).toBeGreaterThan(64 << 20); // drained to the end, not left hanging
    expect((await invoke('register.list', {}, ctx)).entries).toHaveLength(1);
  }, 120_000);
});
