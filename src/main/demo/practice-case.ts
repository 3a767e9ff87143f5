import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvidenceFields, PracticeCaseMaterial } from '../../shared/api';
import type { ScorePoint } from '../../shared/scale';
import { allCriteria } from '../../shared/standard';
import { CaseRegistry, generatePassphrase } from '../casefile';
import type { RuntimeEnvironment } from '../runtime';
import { practiceCaseFromCaseFile } from '../scheme';
import { buildPanel, PanelClient } from './panel';

/**
 * The bundled practice case (resources/practice/practice-case.json), made the way a scheme office
 * would make one: a FICTIONAL case built through the app's own API (panel, evidence, scores,
 * moderation with a reason for every agreed score, the decision), then turned into practice material
 * by practiceCaseFromCaseFile. `npx tsx scripts/build-practice-case.ts` rebuilds the file; a test
 * checks the shipped file is exactly what this code builds.
 */

export const PRACTICE_ORGANISATION = 'Lantern Lane Peer Support Collective (fictional)';
export const PRACTICE_TITLE = 'Practice case: Lantern Lane (fictional)';

/** The reference the fictional panel agrees, with its reason: varied, so alpha means something. */
const AGREED: Readonly<Record<string, readonly [ScorePoint, string]>> = {
  'S1.1': [
    2,
    'Care plans we read start with what matters to the person, but reviews are still led by staff.',
  ],
  'S1.2': [3, 'Records use the person’s own words, and people told us they had read and agreed them.'],
  'S1.3': [1, 'People can choose their worker, but not when or where they are seen.'],
  'S2.1': [2, 'Families are asked who matters, but only at the first meeting.'],
  'S2.2': [1, 'There is a carers’ leaflet, but no one we met had been given it.'],
  'S2.3': [0, 'No family member has had a say in how the service is run.'],
  'S3.1': [2, 'Meetings are held in accessible rooms with easy-read papers; there is no interpreter budget.'],
  'S3.2': [1, 'Staff training mentions culture, but people from minority communities were not asked.'],
  'S3.3': [0, 'The service has not reached out to anyone who does not already use it.'],
  'S3.4': [1, 'They collect data on who uses the service, but have not acted on it yet.'],
  'S4.1': [3, 'People who use substances told us they were welcomed without conditions.'],
  'S4.2': [2, 'A shared plan with the GP practice exists for some people, not all.'],
  'S4.3': [2, 'The allotment group was started by members; other ideas are waiting for funding.'],
  'S5.1': [3, 'Every person we asked could name their peer worker and how to reach them.'],
  'S5.2': [2, 'Staff share something of themselves, within a clear and kind policy.'],
  'S5.3': [3, 'Half the paid workers have lived experience and are paid the same as others.'],
  'S6.1': [2, 'Consent is asked before sharing, but not recorded in a way people can see.'],
  'S6.2': [1, 'People still repeat their story at each new referral.'],
  'S6.3': [0, 'Stories are collected for funders, not used to change the service.'],
};

const EVIDENCE: readonly EvidenceFields[] = [
  {
    title: 'Care and support plans (six, names removed)',
    kind: 'document',
    source: 'Service lead',
    date: null,
    criteria: ['S1.1', 'S1.2', 'S1.3', 'S6.1'],
    consent: 'not_needed',
    quote: '',
    notes: 'Plans open with “what matters to me”; reviews are dated and signed by staff only.',
  },
  {
    title: 'Conversation with members at the drop-in',
    kind: 'interview',
    source: 'Panel visit',
    date: null,
    criteria: ['S4.1', 'S5.1', 'S5.2', 'S6.2'],
    consent: 'given',
    quote: 'Nobody asked me to stop drinking before they would help. They just asked what I needed today.',
    notes: 'Eight members; all could name their peer worker; several had told their story three times.',
  },
  {
    title: 'Family members’ focus group',
    kind: 'interview',
    source: 'Panel visit',
    date: null,
    criteria: ['S2.1', 'S2.2', 'S2.3'],
    consent: 'given',
    quote: 'They asked who I was at the start, and then I never heard from them again.',
    notes:
      'Four family members; none had seen the carers’ leaflet; none had been asked to help shape the service.',
  },
  {
    title: 'Equality monitoring and outreach plan',
    kind: 'document',
    source: 'Trustees',
    date: null,
    criteria: ['S3.1', 'S3.2', 'S3.3', 'S3.4'],
    consent: 'not_needed',
    quote: '',
    notes: 'Monitoring data for two years; the outreach plan is a draft with no actions or dates.',
  },
  {
    title: 'Workforce and pay policy',
    kind: 'document',
    source: 'Trustees',
    date: null,
    criteria: ['S5.3', 'S4.2', 'S4.3', 'S6.3'],
    consent: 'not_needed',
    quote: '',
    notes:
      'Peer workers on the same pay scale; a shared-care agreement with one GP practice; stories used in funding bids.',
  },
];

/** Builds the fictional case through the API and returns it as practice material. */
export async function buildPracticeCase(runtime: RuntimeEnvironment): Promise<PracticeCaseMaterial> {
  const workspace = mkdtempSync(join(tmpdir(), 'copanel-practice-'));
  const cases = new CaseRegistry({ userDataDir: workspace });
  const appRuntime: RuntimeEnvironment = { ...runtime, workspaceDir: workspace, userDataDir: workspace };
  try {
    const panel = await buildPanel(
      {
        fileName: 'practice.copanel',
        organisation: PRACTICE_ORGANISATION,
        passphrase: generatePassphrase(),
        lead: { name: 'Rowan Fairweather', pin: '2468' },
        members: [{ name: 'Kit Marlowe-Adebayo', role: 'assessor', pin: '1357', consentToBeNamed: true }],
        evidence: EVIDENCE,
        openScoring: true,
      },
      () => new PanelClient(appRuntime, cases),
    );
    const { caseId, lead, members } = panel;
    const standard = await lead.call('standard.forCase', { caseId });
    for (const scorer of [lead, ...members]) {
      for (const criterion of allCriteria(standard)) {
        const [score, why] = AGREED[criterion.id] ?? [0, 'No evidence for this criterion.'];
        await scorer.call('scoring.saveScore', {
          caseId,
          criterionId: criterion.id,
          score,
          rationale: why,
          evidenceIds: [],
        });
      }
      await scorer.call('scoring.submitSheet', { caseId });
    }
    await lead.call('moderation.open', { caseId });
    for (const criterion of allCriteria(standard)) {
      const [score, why] = AGREED[criterion.id] ?? [0, 'No evidence for this criterion.'];
      await lead.call('moderation.agree', { caseId, criterionId: criterion.id, score, rationale: why });
    }
    await lead.call('moderation.close', { caseId });
    await lead.call('outcome.decide', {
      caseId,
      decisionDate: '2026-01-15',
      conditions: [],
      strengths: [],
      recommendations: [],
    });
    return await practiceCaseFromCaseFile(cases.get(caseId), runtime.resourcesDir, {
      title: PRACTICE_TITLE,
      fictional: true,
    });
  } finally {
    await cases.closeAll();
    rmSync(workspace, { recursive: true, force: true });
  }
}
