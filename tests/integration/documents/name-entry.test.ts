import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseFile } from '../../../src/main/casefile';
import { detailInWords, type Result } from '../../../src/shared/api';
import { copanel } from '../certificates/support';
import { Client, PASSPHRASE, makeWorld, type TestWorld } from '../panel/support';
import { NAMES_BY_SCRIPT } from './fixtures';

/**
 * Issue 12, item 2: a name the certificate cannot print is refused where it is entered — the
 * organisation's name (new case, organisation details), panel members' names (the lead and the
 * co-signer among them) — in plain words, with the field it belongs to; names in every bundled
 * script are accepted.
 */

const EMOJI_REFUSAL = (what: string) =>
  `The certificate cannot print the character “🌈” (an emoji) in ${what}. Please write the name without emoji.`;

function refusal(result: Result<unknown>): { message: string; details: string[] | undefined } {
  if (result.ok) throw new Error('The name was accepted, but it should have been refused.');
  expect(result.error.code).toBe('INVALID_INPUT');
  return { message: result.error.message, details: result.error.details?.map(detailInWords) };
}

/** The organisation details form, as the app sends it. */
const organisationForm = (name: string) => ({
  name,
  address: '',
  registrationNumber: '',
  servicesInScope: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
});

let world: TestWorld;
let lead: Client;
let caseId: string;
let memberId: string;

beforeAll(async () => {
  world = makeWorld();
  lead = new Client(world);
});

afterAll(async () => {
  await world?.cleanup();
});

describe('entering names', () => {
  it('refuses a new case for an organisation name the certificate cannot print, naming the field', async () => {
    const { message, details } = refusal(
      await lead.attempt('case.create', {
        fileName: 'rainbow',
        organisationName: 'Rainbow Minds 🌈',
        passphrase: PASSPHRASE,
        leadName: 'Asha Patel',
        leadPin: '2468',
      }),
    );
    expect(message).toBe(EMOJI_REFUSAL('the organisation’s name'));
    expect(details).toEqual([`organisationName: ${message}`]);
  });

  it('refuses a lead assessor’s name the certificate cannot print', async () => {
    const { message, details } = refusal(
      await lead.attempt('case.create', {
        fileName: 'rainbow',
        organisationName: 'Rainbow Minds',
        passphrase: PASSPHRASE,
        leadName: 'Asha 🌈 Patel',
        leadPin: '2468',
      }),
    );
    expect(message).toBe(EMOJI_REFUSAL('the lead assessor’s name'));
    expect(details).toEqual([`leadName: ${message}`]);
  });

  it('creates a case for an organisation named in Arabic, with a lead named in Tamil', async () => {
    const arabic = NAMES_BY_SCRIPT.find((sample) => sample.script === 'Arabic')!;
    const tamil = NAMES_BY_SCRIPT.find((sample) => sample.script === 'Tamil')!;
    const opened = await lead.call('case.create', {
      fileName: 'amal',
      organisationName: arabic.organisation,
      passphrase: PASSPHRASE,
      leadName: tamil.lead,
      leadPin: '2468',
    });
    caseId = opened.caseId;
    expect(opened.signedIn?.name).toBe(tamil.lead);
  });

  it('refuses to rename the organisation to a name the certificate cannot print, and accepts one in Hebrew', async () => {
    const { message, details } = refusal(
      await lead.attempt('organisation.update', {
        caseId,
        organisation: organisationForm('Rainbow Minds 🌈'),
      }),
    );
    expect(message).toBe(EMOJI_REFUSAL('the organisation’s name'));
    expect(details).toEqual([`organisation.name: ${message}`]);
    const hebrew = NAMES_BY_SCRIPT.find((sample) => sample.script === 'Hebrew')!;
    const saved = await lead.call('organisation.update', {
      caseId,
      organisation: organisationForm(hebrew.organisation),
    });
    expect(saved.name).toBe(hebrew.organisation);
  });

  it('refuses a panel member’s name the certificate cannot print, when added and when changed', async () => {
    const added = refusal(
      await lead.attempt('panel.addMember', {
        caseId,
        name: 'Sam 🌈 Jones',
        role: 'assessor',
        consentToBeNamed: true,
      }),
    );
    expect(added.message).toBe(EMOJI_REFUSAL('the panel member’s name'));
    expect(added.details).toEqual([`name: ${added.message}`]);

    const gujarati = NAMES_BY_SCRIPT.find((sample) => sample.script === 'Gujarati')!;
    memberId = (
      await lead.call('panel.addMember', {
        caseId,
        name: gujarati.coSigner,
        role: 'assessor',
        consentToBeNamed: true,
      })
    ).id;
    const changed = refusal(
      await lead.attempt('panel.updateMember', {
        caseId,
        memberId,
        name: 'Kiran 🌈 Shah',
        role: 'assessor',
        consentToBeNamed: true,
      }),
    );
    expect(changed.message).toBe(EMOJI_REFUSAL('the panel member’s name'));
    const panel = await lead.call('panel.list', { caseId });
    expect(panel.map((member) => member.name)).toContain(gujarati.coSigner);
    expect(JSON.stringify(panel)).not.toContain('🌈');
  });

  it('says which character and which scripts print, for a letter of a script no bundled font draws', async () => {
    const { message } = refusal(
      await lead.attempt('panel.addMember', {
        caseId,
        name: 'ሰላም Tesfaye',
        role: 'observer',
        consentToBeNamed: true,
      }),
    );
    expect(message).toContain(
      'The certificate cannot print the character “ሰ” (character U+1230) in the panel member’s name.',
    );
    expect(message).toContain(
      'Arabic, Hebrew, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil and commonly used Chinese',
    );
  });

  it('refuses it from the command line too, in the same words', async () => {
    const run = await copanel(
      [
        'case',
        'create',
        join(world.runtime.workspaceDir, 'cli.copanel'),
        '--organisation',
        'Rainbow 🌈',
        '--lead',
        'Asha Patel',
      ],
      { COPANEL_PASSPHRASE: PASSPHRASE, COPANEL_LEAD_PIN: '2468' },
    );
    expect(run.code).not.toBe(0);
    expect(run.err).toContain(EMOJI_REFUSAL('the organisation’s name'));
  });

  it('is the same check in the domain function the app and the command line both use', async () => {
    await expect(
      createCaseFile({
        path: join(world.runtime.workspaceDir, 'direct.copanel'),
        organisationName: 'Rainbow 🌈',
        passphrase: PASSPHRASE,
        lead: { name: 'Asha Patel', pin: '2468' },
        standard: { id: 'coproduction-standard', version: 1, sha256: 'ab'.repeat(32) },
        appVersion: world.runtime.version,
      }),
    ).rejects.toThrow(EMOJI_REFUSAL('the organisation’s name'));
  });
});
