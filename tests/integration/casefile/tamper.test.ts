import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachToEvidence,
  auditTriggersPresent,
  type CaseFile,
  exportAttachment,
  readAuditLog,
  auditEntryHash,
} from '../../../src/main/casefile';
import { addEvidence, listEvidence } from '../../../src/main/evidence';
import { readOrganisation, updateOrganisation } from '../../../src/main/organisation';
import {
  createTestCase,
  makeTempDir,
  openRaw,
  PASSPHRASE,
  evidenceFields,
  leadScope,
  organisationDetails,
  bypassingTheApp,
  openCaseFile,
} from './support';

const temp = makeTempDir('copanel-tamper-');
afterAll(() => temp.cleanup());

/** Everything a user could read from the case file, as one comparable value. */
async function readEverything(caseFile: CaseFile): Promise<unknown> {
  const evidence = await listEvidence(leadScope(caseFile));
  const exported: string[] = [];
  for (const item of evidence) {
    for (const attachment of item.attachments) {
      const target = join(temp.dir, `export-${attachment.id}`);
      exported.push((await exportAttachment(caseFile, attachment.id, target)).sha256);
    }
  }
  return {
    organisation: await readOrganisation(leadScope(caseFile)),
    evidence,
    exported,
    audit: await readAuditLog(caseFile.db),
    chain: await caseFile.verifyAuditChain(),
  };
}

/** A small deterministic generator, so a failure can be reproduced. */
function sampler(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

describe('flipping a single byte anywhere in a page', () => {
  const original = join(temp.dir, 'original.copanel');
  let expected: unknown;

  beforeAll(async () => {
    const caseFile = await createTestCase(original);
    await updateOrganisation(
      leadScope(caseFile),
      organisationDetails({ address: '4 Canal Street, Manchester', servicesInScope: 'Recovery college' }),
    );
    const interview = await addEvidence(
      leadScope(caseFile),
      evidenceFields({
        title: 'Conversation with a family carer',
        kind: 'interview',
        quote: 'For the first time someone asked what I needed.',
        consent: 'given',
        criteria: ['S2.1', 'S2.2'],
      }),
    );
    const notes = join(temp.dir, 'notes.txt');
    writeFileSync(notes, 'Visit notes. '.repeat(4000));
    await attachToEvidence(caseFile, 'lead', interview.id, notes);
    await caseFile.close();
    const reader = await openCaseFile({ path: original, passphrase: PASSPHRASE, readOnly: true });
    expected = await readEverything(reader);
    await reader.close();
  });

  it('makes opening or reading fail with a typed error, never silently different data (sampled positions)', async () => {
    const bytes = readFileSync(original);
    const pages = bytes.length / 4096;
    const next = sampler(20251126);
    const positions = [0, 15, 16, 100, 4015, 4016, 4031, 4032, 4095, bytes.length - 1];
    while (positions.length < 40) positions.push(next(pages) * 4096 + next(4096));
    let refused = 0;
    for (const position of positions) {
      const trial = join(temp.dir, `flip-${position}.copanel`);
      const flipped = Buffer.from(bytes);
      flipped[position] ^= 1 << next(8);
      writeFileSync(trial, flipped);
      let seen: unknown;
      try {
        const caseFile = await openCaseFile({ path: trial, passphrase: PASSPHRASE, readOnly: true });
        try {
          seen = await readEverything(caseFile);
        } finally {
          await caseFile.close();
        }
      } catch (error) {
        expect(
          ['CASE_FILE_DAMAGED', 'WRONG_PASSPHRASE', 'NOT_A_CASE_FILE'],
          `byte ${position}: ${String(error)}`,
        ).toContain((error as { code?: string }).code);
        refused += 1;
        continue;
      }
      expect(seen, `byte ${position} changed what the case file says without an error`).toEqual(expected);
    }
    // Nearly every page of a freshly written case file is in use, so nearly every flip is caught.
    expect(refused).toBeGreaterThanOrEqual(positions.length - 2);
    // Forty full opens, each deriving the key: minutes on a busy two-core machine.
  }, 240_000);
});

describe('the audit chain', () => {
  const original = join(temp.dir, 'audited.copanel');

  beforeAll(async () => {
    const caseFile = await createTestCase(original);
    for (const title of [
      'Annual report',
      'Carers survey',
      'Peer support policy',
      'Observation of ward round',
      'Easy-read leaflet',
    ]) {
      await addEvidence(leadScope(caseFile), evidenceFields({ title, kind: 'document' }));
    }
    expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true, entries: 6 });
    await caseFile.close();
  });

  it('refuses UPDATE and DELETE through SQL triggers', async () => {
    const caseFile = await openCaseFile({ path: original, passphrase: PASSPHRASE });
    try {
      expect(await auditTriggersPresent(bypassingTheApp(caseFile))).toBe(true);
      await expect(
        sql`update audit_log set actor = 'someone else' where seq = 2`.execute(bypassingTheApp(caseFile)),
      ).rejects.toThrow(/append-only/);
      await expect(
        sql`delete from audit_log where seq = 6`.execute(bypassingTheApp(caseFile)),
      ).rejects.toThrow(/append-only/);
      expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true, entries: 6 });
    } finally {
      await caseFile.close();
    }
  });

  /** Copies the case file, lets an attacker who knows the passphrase drop the triggers and tamper, then verifies. */
  async function tamperAndVerify(
    name: string,
    tamper: (statements: (text: string) => void, raw: ReturnType<typeof openRaw>) => void,
  ) {
    const path = join(temp.dir, `${name}.copanel`);
    copyFileSync(original, path);
    const raw = openRaw(path);
    raw.exec('drop trigger audit_log_is_append_only_update; drop trigger audit_log_is_append_only_delete;');
    tamper((text) => raw.exec(text), raw);
    raw.close();
    // Read-only: with the triggers gone, opening for editing is refused (anchored-audit.test.ts).
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE, readOnly: true });
    try {
      return await caseFile.verifyAuditChain();
    } finally {
      await caseFile.close();
    }
  }

  it('detects an edited entry', async () => {
    const result = await tamperAndVerify('edited', (run) =>
      run("update audit_log set actor = 'someone else' where seq = 3"),
    );
    expect(result).toEqual({
      ok: false,
      brokenAtSeq: 3,
      reason: 'entry 3 has been changed since it was written',
    });
  });

  it('detects a deleted entry, with or without renumbering the rest', async () => {
    expect(
      await tamperAndVerify('deleted', (run) => run('delete from audit_log where seq = 4')),
    ).toMatchObject({ ok: false, brokenAtSeq: 4 });
    const renumbered = await tamperAndVerify('deleted-renumbered', (run) => {
      run('delete from audit_log where seq = 4');
      run(
        'update audit_log set seq = seq + 100 where seq > 4; update audit_log set seq = seq - 101 where seq > 100;',
      );
    });
    expect(renumbered).toMatchObject({ ok: false, brokenAtSeq: 4 });
  });

  it('detects an inserted entry, in the middle or at the end', async () => {
    const forged = {
      at: new Date().toISOString(),
      actor: 'lead',
      action: 'evidence.removed',
      payload_sha256: 'c'.repeat(64),
    };
    const middle = await tamperAndVerify('inserted-middle', (run, raw) => {
      run(
        'update audit_log set seq = seq + 100 where seq >= 3; update audit_log set seq = seq - 99 where seq > 100;',
      );
      const before = raw.prepare('select hash from audit_log where seq = 2').get() as { hash: string };
      const row = { seq: 3, ...forged, prev_hash: before.hash };
      raw
        .prepare(
          'insert into audit_log values (@seq, @at, @actor, @action, @payload_sha256, @prev_hash, @hash)',
        )
        .run({ ...row, hash: auditEntryHash(row) });
    });
    expect(middle).toMatchObject({ ok: false, brokenAtSeq: 4 });

    const end = await tamperAndVerify('inserted-end', (_run, raw) => {
      const last = raw.prepare('select hash from audit_log where seq = 6').get() as { hash: string };
      const row = { seq: 7, ...forged, prev_hash: last.hash };
      raw
        .prepare(
          'insert into audit_log values (@seq, @at, @actor, @action, @payload_sha256, @prev_hash, @hash)',
        )
        .run({ ...row, hash: auditEntryHash(row) });
    });
    expect(end).toMatchObject({ ok: false, brokenAtSeq: 7 });
  });

  it('detects reordered entries', async () => {
    const result = await tamperAndVerify('reordered', (run) => {
      run(
        'update audit_log set seq = 100 where seq = 2; update audit_log set seq = 2 where seq = 3; update audit_log set seq = 3 where seq = 100;',
      );
    });
    expect(result).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });

  it('detects entries cut off the end', async () => {
    const result = await tamperAndVerify('truncated', (run) => run('delete from audit_log where seq >= 5'));
    expect(result).toEqual({
      ok: false,
      brokenAtSeq: 5,
      reason: 'entries 5 to 6 are missing from the end of the log',
    });
  });
});
