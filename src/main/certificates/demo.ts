import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputOf, OperationName, OutputOf, PdfFile } from '../../shared/api';
import type { Score } from '../../shared/scoring/scale';
import { addMonths } from '../../shared/scoring/validity';
import { allCriteria } from '../../shared/standard/schema';
import type { ApiContext } from '../api/context';
import { invoke } from '../api/invoke';
import { Session } from '../api/session';
import { CaseRegistry } from '../casefile/registry';
import type { RuntimeEnvironment } from '../runtime';
import { createSchemeRoot, issueAssessorIdentity } from '../signing';

/**
 * `copanel demo`: a complete, FICTIONAL assessment built through the API exactly as the app does
 * it (validation and permission checks included): a scheme root, signing identities for a lead
 * assessor and an Expert by Experience, an encrypted case file, a panel of the lead and two Experts
 * by Experience who declare conflicts and score on their own (one criterion divergent), moderation,
 * the decision, the lead's signature and the co-signature.
 */

export const DEMO_SCHEME_NAME = 'Coproduction Quality Standard';
export const DEMO_ORGANISATION = 'Harbour Minds Community Wellbeing Trust';
export const DEMO_CASE_FILE = 'harbour-minds.copanel';
const LEAD = { name: 'Amara Okafor', pin: '2468', role: 'Lead assessor' };
const EXPERTS = [
  { name: 'Dafydd Llywelyn', pin: '1357', consentToBeNamed: true },
  { name: 'Priya Shah', pin: '8642', consentToBeNamed: false },
] as const;
/** The fictional panel (names and PINs), for trying the demo case file in the app. */
export const DEMO_PANEL = { lead: LEAD, experts: EXPERTS } as const;
/** The criterion the panel disagrees on before moderation. */
export const DIVERGENT_CRITERION = 'S3.2';

export interface DemoOptions {
  outDir: string;
  passphrase: string;
  runtime: RuntimeEnvironment;
  /** Progress lines for the person running the demo. */
  say?: (line: string) => void;
}

export interface DemoResult {
  caseFile: string;
  schemeRoot: string;
  schemeRootKey: string;
  certificate: string;
  report: string;
  scoreSheet: string;
  certificateNumber: string;
  level: number;
  identities: { lead: string; expertByExperience: string };
}

/** One client of the API (a person at the shared laptop) with their own sign-in. */
class Client {
  readonly ctx: ApiContext;
  constructor(runtime: RuntimeEnvironment, cases: CaseRegistry) {
    this.ctx = { runtime, cases, session: new Session() };
  }
  call<N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
    return invoke(name, input, this.ctx);
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function writePdf(dir: string, name: string, file: PdfFile): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(file.base64, 'base64'));
  return path;
}

/** What each member scores: 2 everywhere, except the divergent criterion (1, 2 and 3). */
function plannedScore(memberIndex: number, criterionId: string): Score {
  if (criterionId === DIVERGENT_CRITERION) return ([1, 2, 3] as const)[memberIndex] ?? 2;
  return 2;
}

export async function buildDemoAssessment(options: DemoOptions): Promise<DemoResult> {
  const say = options.say ?? (() => undefined);
  const { outDir, passphrase } = options;
  mkdirSync(join(outDir, 'identities'), { recursive: true });
  const appData = mkdtempSync(join(tmpdir(), 'copanel-demo-app-'));
  const runtime: RuntimeEnvironment = { ...options.runtime, workspaceDir: outDir, userDataDir: appData };
  const cases = new CaseRegistry({ userDataDir: appData });
  try {
    return await runDemo({ outDir, passphrase, runtime, cases, tell: say });
  } finally {
    await cases.closeAll();
    rmSync(appData, { recursive: true, force: true });
  }
}

interface DemoRun {
  outDir: string;
  passphrase: string;
  runtime: RuntimeEnvironment;
  cases: CaseRegistry;
  tell: (line: string) => void;
}

async function runDemo({
  outDir,
  passphrase,
  runtime: rt,
  cases: registry,
  tell,
}: DemoRun): Promise<DemoResult> {
  const now = new Date();
  tell('Creating the scheme root certificate and the assessors’ signing identities…');
  const root = await createSchemeRoot({ name: DEMO_SCHEME_NAME, passphrase, now });
  const schemeRoot = join(outDir, 'scheme-root.pem');
  const schemeRootKey = join(outDir, 'scheme-root-key.pem');
  writeFileSync(schemeRoot, root.certificatePem);
  writeFileSync(schemeRootKey, root.encryptedKeyPem, { mode: 0o600 });
  const issue = (name: string, role: string) =>
    issueAssessorIdentity({
      root,
      rootPassphrase: passphrase,
      name,
      role,
      password: passphrase,
      validDays: 4 * 365 + 1,
      now,
    });
  const [leadIdentity, expertIdentity] = await Promise.all([
    issue(LEAD.name, LEAD.role),
    issue(EXPERTS[0].name, 'Expert by Experience assessor'),
  ]);
  const identities = {
    lead: join(outDir, 'identities', 'amara-okafor.p12'),
    expertByExperience: join(outDir, 'identities', 'dafydd-llywelyn.p12'),
  };
  writeFileSync(identities.lead, leadIdentity.pkcs12, { mode: 0o600 });
  writeFileSync(identities.expertByExperience, expertIdentity.pkcs12, { mode: 0o600 });

  const lead = new Client(rt, registry);
  const experts = EXPERTS.map(() => new Client(rt, registry));
  await lead.call('trust.add', {
    fileName: 'scheme-root.pem',
    base64: Buffer.from(root.certificatePem).toString('base64'),
  });
  const leadKey = await lead.call('identity.import', {
    fileName: 'amara-okafor.p12',
    base64: Buffer.from(leadIdentity.pkcs12).toString('base64'),
    password: passphrase,
  });
  const expertKey = await lead.call('identity.import', {
    fileName: 'dafydd-llywelyn.p12',
    base64: Buffer.from(expertIdentity.pkcs12).toString('base64'),
    password: passphrase,
  });

  tell(`Creating the encrypted case file for ${DEMO_ORGANISATION}…`);
  const opened = await lead.call('case.create', {
    fileName: DEMO_CASE_FILE,
    organisationName: DEMO_ORGANISATION,
    passphrase,
    leadName: LEAD.name,
    leadPin: LEAD.pin,
  });
  const caseId = opened.caseId;
  await lead.call('organisation.update', {
    caseId,
    organisation: {
      name: DEMO_ORGANISATION,
      address: '14 Quayside Road\nPortmere\nPM1 4QT',
      registrationNumber: 'DEMO-0001',
      servicesInScope: 'Community mental health team\nPeer support service\nCrisis café',
      contactName: 'Jordan Ellis',
      contactEmail: 'jordan.ellis@example.org',
      contactPhone: '',
    },
  });
  const evidence = [
    {
      title: 'Peer support worker rota and pay policy',
      kind: 'document',
      source: 'Service manager',
      criteria: ['S1.1', 'S5.1'],
      consent: 'not_needed',
      quote: '',
    },
    {
      title: 'Conversation with people who use the crisis café',
      kind: 'interview',
      source: 'Panel visit',
      criteria: ['S3.1', 'S3.2'],
      consent: 'given',
      quote: 'They asked what would help me before anything else, and remembered it the next time I came in.',
    },
    {
      title: 'Family and carers survey 2025',
      kind: 'survey',
      source: 'Carers’ forum',
      criteria: ['S2.1', 'S2.2'],
      consent: 'refused',
      quote: 'A family member’s words that they did not want quoted.',
    },
    {
      title: 'Co-produced training programme outline',
      kind: 'document',
      source: 'Training lead',
      criteria: ['S3.2', 'S6.1'],
      consent: 'not_needed',
      quote: '',
    },
  ] as const;
  for (const item of evidence) {
    await lead.call('evidence.add', {
      caseId,
      evidence: { ...item, criteria: [...item.criteria], date: null, notes: '' },
    });
  }

  tell('Setting up the panel: the lead assessor and two Experts by Experience…');
  const members = [];
  for (const expert of EXPERTS) {
    members.push(
      await lead.call('panel.addMember', {
        caseId,
        name: expert.name,
        role: 'assessor',
        consentToBeNamed: expert.consentToBeNamed,
        pin: expert.pin,
      }),
    );
  }
  await lead.call('panel.updateMember', {
    caseId,
    memberId: opened.signedIn?.memberId ?? '',
    name: LEAD.name,
    role: 'lead',
    consentToBeNamed: true,
  });
  for (const [index, expert] of experts.entries())
    await expert.call('panel.signIn', { caseId, memberId: members[index]!.id, pin: EXPERTS[index]!.pin });
  await lead.call('panel.declareConflict', {
    caseId,
    memberId: opened.signedIn?.memberId ?? '',
    declaration: { kind: 'none' },
  });
  await experts[0]!.call('panel.declareConflict', {
    caseId,
    memberId: members[0]!.id,
    declaration: { kind: 'none' },
  });
  await experts[1]!.call('panel.declareConflict', {
    caseId,
    memberId: members[1]!.id,
    declaration: { kind: 'declared', text: 'I used the peer support service for six months in 2021.' },
  });
  await lead.call('panel.decideConflict', {
    caseId,
    memberId: members[1]!.id,
    outcome: 'allowed',
    reason:
      'Lived experience of the service is what an Expert by Experience brings; there is no current tie.',
  });

  tell('Scoring: each member scores every criterion on their own…');
  await lead.call('scoring.open', { caseId });
  const standard = await lead.call('standard.forCase', { caseId });
  const criteria = allCriteria(standard).map((criterion) => criterion.id);
  const scorers = [lead, ...experts];
  for (const [index, scorer] of scorers.entries()) {
    for (const criterionId of criteria) {
      const score = plannedScore(index, criterionId);
      await scorer.call('scoring.saveScore', {
        caseId,
        criterionId,
        score,
        rationale: `Scored ${score}: what the evidence for ${criterionId} showed.`,
        evidenceIds: [],
      });
    }
    await scorer.call('scoring.submitSheet', { caseId });
  }

  tell(`Moderation: the panel discusses ${DIVERGENT_CRITERION}, where the scores diverged…`);
  const moderation = await lead.call('moderation.open', { caseId });
  const divergent = moderation.summary.criteria.filter((row) => row.divergent).map((row) => row.criterionId);
  for (const criterionId of criteria) {
    await lead.call('moderation.agree', {
      caseId,
      criterionId,
      score: 2,
      rationale: divergent.includes(criterionId)
        ? 'The training is co-designed with Experts by Experience, but not yet co-delivered: 2.'
        : '',
    });
  }
  await lead.call('moderation.close', { caseId });
  const decided = await lead.call('outcome.decide', {
    caseId,
    decisionDate: today(),
    conditions: [
      {
        text: 'Pay Experts by Experience for attending the steering group (Statement 5).',
        dueDate: addMonths(today(), 6),
      },
    ],
    strengths: [{ statementNumber: 1, text: 'People told us staff asked what mattered to them first.' }],
    recommendations: [{ statementNumber: 2, text: 'Involve families in reviewing the carers’ leaflet.' }],
  });

  tell('Signing: the lead assessor signs, then an Expert by Experience co-signs…');
  const signed = await lead.call('certificate.sign', {
    caseId,
    identityId: leadKey.id,
    identityPassword: passphrase,
    coSignerMemberId: members[0]!.id,
  });
  const issued = await experts[0]!.call('certificate.coSign', {
    caseId,
    identityId: expertKey.id,
    identityPassword: passphrase,
  });
  const certificate = writePdf(
    outDir,
    'certificate.pdf',
    await lead.call('certificate.download', { caseId, certificateId: signed.id, document: 'certificate' }),
  );
  const report = writePdf(
    outDir,
    'report.pdf',
    await lead.call('certificate.download', { caseId, certificateId: signed.id, document: 'report' }),
  );
  const scoreSheet = writePdf(
    outDir,
    'score-sheet.pdf',
    await lead.call('certificate.scoreSheet', { caseId }),
  );
  await lead.call('case.close', { caseId });
  return {
    caseFile: opened.path,
    schemeRoot,
    schemeRootKey,
    certificate,
    report,
    scoreSheet,
    certificateNumber: issued.certificateNumber,
    level: decided.level === 'not_yet_awarded' ? 0 : decided.level,
    identities,
  };
}
