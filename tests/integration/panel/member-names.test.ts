import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSPHRASE, makeWorld, type TestWorld } from './support';

/** Issue 12, smaller items: two members whose names differ only in capitals or spacing cannot be told apart. */
let world: TestWorld;
let lead: Client;
let caseId: string;

beforeAll(async () => {
  world = makeWorld();
  lead = new Client(world);
  caseId = (
    await lead.call('case.create', {
      fileName: 'names',
      organisationName: 'Tidewater Collective (fictional)',
      passphrase: PASSPHRASE,
      leadName: 'Asha Patel',
      leadPin: '2468',
    })
  ).caseId;
  await lead.call('panel.addMember', { caseId, name: 'Sam Jones', role: 'assessor', consentToBeNamed: true });
});

afterAll(async () => {
  await world?.cleanup();
});

describe('duplicate member names', () => {
  it.each(['sam jones', '  Sam   Jones ', 'SAM  JONES', 'asha  PATEL'])(
    'refuses “%s”, the same name but for capitals and spacing',
    async (name) => {
      const result = await lead.attempt('panel.addMember', {
        caseId,
        name,
        role: 'assessor',
        consentToBeNamed: true,
      });
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.error.message).toMatch(
          /There is already a panel member called (Sam Jones|Asha Patel)\./,
        );
    },
  );

  it('accepts a name that is really different', async () => {
    const added = await lead.attempt('panel.addMember', {
      caseId,
      name: 'Sam Jonas',
      role: 'assessor',
      consentToBeNamed: true,
    });
    expect(added.ok).toBe(true);
  });
});
