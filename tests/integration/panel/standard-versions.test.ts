import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStandard } from '../../../src/main/case';
import { findBundledStandard, fingerprintOf } from '../../../src/main/standards';
import { type AgreedScores, decideOutcome, type OutcomeLevel } from '../../../src/shared/scoring';
import type { Standard } from '../../../src/shared/standard';
import { Client, makeWorld, PASSPHRASE, type TestWorld } from './support';

/**
 * New cases are assessed against standard v2; a case file made before v2 existed stays pinned to
 * v1 by its fingerprint and decides exactly as it did then.
 */

const fixturesDir = fileURLToPath(new URL('../../fixtures/standard', import.meta.url));

describe('which version of the standard a case is assessed against', () => {
  let world: TestWorld;
  let v1: Standard;
  let v2: Standard;

  beforeAll(() => {
    world = makeWorld();
    const resources = world.runtime.resourcesDir;
    v1 = findBundledStandard(resources, 'coproduction-standard', 1) as Standard;
    v2 = findBundledStandard(resources, 'coproduction-standard', 2) as Standard;
  });

  afterAll(async () => {
    await world?.cleanup();
  });

  it('gives a new case standard v2', async () => {
    expect(v2, 'standard v2 is bundled').toBeDefined();
    const lead = new Client(world);
    const opened = await lead.call('case.create', {
      fileName: 'new-case',
      organisationName: 'Fictional Harbour Trust',
      passphrase: PASSPHRASE,
      leadName: 'Asha Patel',
      leadPin: '2468',
    });
    expect(opened.standard).toEqual(fingerprintOf(v2));
    const standard = await caseStandard(world.cases.get(opened.caseId), world.runtime.resourcesDir);
    expect(standard.version).toBe(2);
  });

  it('keeps a case file made before v2 on v1, deciding exactly as before', async () => {
    mkdirSync(world.runtime.workspaceDir, { recursive: true });
    const path = join(world.runtime.workspaceDir, 'made-with-standard-v1.copanel');
    copyFileSync(join(fixturesDir, 'made-with-standard-v1.copanel'), path);
    const lead = new Client(world);
    const opened = await lead.call('case.open', { path, passphrase: PASSPHRASE });
    expect(opened.standard).toEqual(fingerprintOf(v1));
    const standard = await caseStandard(world.cases.get(opened.caseId), world.runtime.resourcesDir);
    expect(standard).toEqual(v1);
    const recorded = JSON.parse(readFileSync(join(fixturesDir, 'v1-decisions.json'), 'utf8')) as {
      scores: AgreedScores;
      level: OutcomeLevel;
    }[];
    const changedByV2 = recorded.filter((row) => decideOutcome(v2, row.scores).level !== row.level);
    expect(changedByV2.length, 'v2 decides some of these differently').toBeGreaterThan(0);
    for (const row of recorded) expect(decideOutcome(standard, row.scores).level).toBe(row.level);
  });
});
