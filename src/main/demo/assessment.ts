import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvidenceFields, PdfFile } from '../../shared/api';
import { todayIso } from '../../shared/dates';
import { addMonths, type Score } from '../../shared/scoring';
import { allCriteria } from '../../shared/standard';
import { COMMAND_LINE, SchemeOffice } from '../api';
import { CaseRegistry } from '../casefile';
import type { RuntimeEnvironment } from '../runtime';
import { createSchemeRoot, issueAssessorIdentity, type SchemeRoot } from '../signing';
import { buildPanel, PanelClient, type BuiltPanel, type PanelPlan } from './panel';
import { writeDemoRegister } from './register';
import { claimAndApproveFees, setUpDemoSchemeOffice, type DemoSchemeOffice } from './scheme-office';

/**
 * `copanel demo`: a complete, FICTIONAL assessment built through the API exactly as the app does
 * it (validation and permission checks included): a scheme root, signing identities for a lead
 * assessor and an Expert by Experience, an encrypted case file, a panel of the lead and two Experts
 * by Experience who declare conflicts and score on their own (one criterion divergent), moderation,
 * the decision, the lead's signature and the co-signature; and the scheme office's own encrypted
 * scheme file: the directory the Experts by Experience are picked from, their training, one of them
 * calibrated against the bundled practice case, the fee rates, and a claim the lead approves.
 */

const DEMO_SCHEME_NAME = 'Coproduction Quality Standard';
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
const DIVERGENT_CRITERION = 'S3.2';

const EVIDENCE: readonly EvidenceFields[] = [
  {
    title: 'Peer support worker rota and pay policy',
    kind: 'document',
    source: 'Service manager',
    date: null,
    criteria: ['S1.1', 'S5.1'],
    consent: 'not_needed',
    quote: '',
    notes: '',
  },
  {
    title: 'Conversation with people who use the crisis café',
    kind: 'interview',
    source: 'Panel visit',
    date: null,
    criteria: ['S3.1', 'S3.2'],
    consent: 'given',
    quote: 'They asked what would help me before anything else, and remembered it the next time I came in.',
    notes: '',
  },
  {
    title: 'Family and carers survey 2025',
    kind: 'survey',
    source: 'Carers’ forum',
    date: null,
    criteria: ['S2.1', 'S2.2'],
    consent: 'refused',
    quote: 'A family member’s words that they did not want quoted.',
    notes: '',
  },
  {
    title: 'Co-produced training programme outline',
    kind: 'document',
    source: 'Training lead',
    date: null,
    criteria: ['S3.2', 'S6.1'],
    consent: 'not_needed',
    quote: '',
    notes: '',
  },
];

function demoPanel(passphrase: string, office: DemoSchemeOffice): PanelPlan {
  return {
    linkScheme: true,
    fileName: DEMO_CASE_FILE,
    organisation: DEMO_ORGANISATION,
    passphrase,
    lead: { name: LEAD.name, pin: LEAD.pin, directoryId: office.directoryIds[0] },
    members: [
      { ...EXPERTS[0], role: 'assessor', directoryId: office.directoryIds[1] },
      {
        ...EXPERTS[1],
        role: 'assessor',
        directoryId: office.directoryIds[2],
        conflict: 'I used the peer support service for six months in 2021.',
      },
    ],
    evidence: EVIDENCE,
    conflictDecision:
      'Lived experience of the service is what an Expert by Experience brings; there is no current tie.',
  };
}

export interface DemoOptions {
  outDir: string;
  passphrase: string;
  runtime: RuntimeEnvironment;
  /** Progress lines for the person running the demo. */
  say?: (line: string) => void;
  /** How long the signers' identities are valid (default 4 years and a day, beyond the certificate's 3). */
  identityValidDays?: number;
}

export interface DemoResult {
  caseFile: string;
  schemeRoot: string;
  schemeRootKey: string;
  certificate: string;
  report: string;
  scoreSheet: string;
  schemeFile: string;
  feeStatement: string;
  /** The scheme's signed register (register.json, with .p7s and .jws beside it) and the Open Badges credential. */
  register: string;
  badge: string;
  certificateNumber: string;
  level: number;
  identities: { lead: string; expertByExperience: string };
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
  const schemeOffice = new SchemeOffice();
  let result: Omit<DemoResult, 'register' | 'badge'>;
  try {
    result = await runDemo({
      outDir,
      passphrase,
      resourcesDir: runtime.resourcesDir,
      newClient: () => new PanelClient(runtime, cases, COMMAND_LINE, schemeOffice),
      tell: say,
      identityValidDays: options.identityValidDays ?? 4 * 365 + 1,
    });
  } finally {
    await schemeOffice.close();
    await cases.closeAll();
    rmSync(appData, { recursive: true, force: true });
  }
  say('Register: the certificate signed into the scheme’s register, and as an Open Badges credential…');
  return {
    ...result,
    ...(await writeDemoRegister({ outDir, passphrase, appVersion: runtime.version, ...result })),
  };
}

interface DemoRun {
  outDir: string;
  passphrase: string;
  resourcesDir: string;
  newClient: () => PanelClient;
  tell: (line: string) => void;
  identityValidDays: number;
}

interface DemoScheme {
  root: SchemeRoot;
  schemeRoot: string;
  schemeRootKey: string;
  identities: { lead: string; expertByExperience: string };
  pkcs12: { lead: Uint8Array; expertByExperience: Uint8Array };
}

async function runDemo(run: DemoRun): Promise<Omit<DemoResult, 'register' | 'badge'>> {
  const { outDir, passphrase, tell } = run;
  tell('Creating the scheme root certificate and the assessors’ signing identities…');
  const scheme = await createDemoScheme(outDir, passphrase, run.identityValidDays);
  tell('Scheme office: the assessor directory, training, a calibration on the practice case, fee rates…');
  const office = await setUpDemoSchemeOffice(
    run.newClient(),
    {
      schemeName: DEMO_SCHEME_NAME,
      passphrase,
      resourcesDir: run.resourcesDir,
      people: [
        { name: LEAD.name, roles: ['lead', 'assessor'], consentToBeNamed: true },
        ...EXPERTS.map(({ name, consentToBeNamed }) => ({
          name,
          roles: ['assessor' as const],
          consentToBeNamed,
        })),
      ],
    },
    1,
  );
  tell(`Creating the encrypted case file for ${DEMO_ORGANISATION} and setting up the panel…`);
  const panel = await buildPanel(demoPanel(passphrase, office), run.newClient);
  await describeOrganisation(panel);
  const keys = await importIdentities(panel.lead, scheme, passphrase);
  tell('Scoring: each member scores every criterion on their own…');
  await scoreEverything(panel);
  tell(`Moderation: the panel discusses ${DIVERGENT_CRITERION}, where the scores diverged…`);
  const decided = await moderateAndDecide(panel);
  tell('Signing: the lead assessor signs, then an Expert by Experience co-signs…');
  const { caseId, lead } = panel;
  const signed = await lead.call('certificate.sign', {
    caseId,
    identityId: keys.lead,
    identityPassword: passphrase,
    coSignerMemberId: panel.members[0]!.memberId,
  });
  const issued = await panel.members[0]!.call('certificate.coSign', {
    caseId,
    identityId: keys.expertByExperience,
    identityPassword: passphrase,
  });
  const download = (document: 'certificate' | 'report') =>
    lead.call('certificate.download', { caseId, certificateId: signed.id, document });
  const certificate = writePdf(outDir, 'certificate.pdf', await download('certificate'));
  const report = writePdf(outDir, 'report.pdf', await download('report'));
  const scoreSheet = writePdf(
    outDir,
    'score-sheet.pdf',
    await lead.call('certificate.scoreSheet', { caseId }),
  );
  tell('Fees: an Expert by Experience claims for the visit day; the lead approves it…');
  const feeStatement = writePdf(
    outDir,
    'fee-statement-dafydd-llywelyn.pdf',
    await claimAndApproveFees(panel, panel.members[0]!),
  );
  await lead.call('register.importCertificate', {
    fileName: 'certificate.pdf',
    base64: readFileSync(certificate).toString('base64'),
  });
  await lead.call('case.close', { caseId });
  return {
    caseFile: panel.path,
    schemeRoot: scheme.schemeRoot,
    schemeRootKey: scheme.schemeRootKey,
    certificate,
    report,
    scoreSheet,
    schemeFile: office.path,
    feeStatement,
    certificateNumber: issued.certificateNumber,
    level: decided.level === 'not_yet_awarded' ? 0 : decided.level,
    identities: scheme.identities,
  };
}

async function createDemoScheme(
  outDir: string,
  passphrase: string,
  identityValidDays: number,
): Promise<DemoScheme> {
  const now = new Date();
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
      validDays: identityValidDays,
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
  const pkcs12 = { lead: leadIdentity.pkcs12, expertByExperience: expertIdentity.pkcs12 };
  return { root, schemeRoot, schemeRootKey, identities, pkcs12 };
}

/** This computer trusts the scheme's root and holds both signers' identities. */
async function importIdentities(
  lead: PanelClient,
  scheme: DemoScheme,
  password: string,
): Promise<{ lead: string; expertByExperience: string }> {
  const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
  await lead.call('trust.add', { fileName: 'scheme-root.pem', base64: base64(scheme.root.certificatePem) });
  const imported = async (fileName: string, pkcs12: Uint8Array) =>
    (await lead.call('identity.import', { fileName, base64: base64(pkcs12), password })).id;
  return {
    lead: await imported('amara-okafor.p12', scheme.pkcs12.lead),
    expertByExperience: await imported('dafydd-llywelyn.p12', scheme.pkcs12.expertByExperience),
  };
}

async function describeOrganisation({ caseId, lead }: BuiltPanel): Promise<void> {
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
}

async function scoreEverything({ caseId, lead, members }: BuiltPanel): Promise<void> {
  // Everyone on the panel, the lead included, is linked to a trained directory entry: no reason asked.
  await lead.call('scoring.open', { caseId });
  const standard = await lead.call('standard.forCase', { caseId });
  const criteria = allCriteria(standard).map((criterion) => criterion.id);
  for (const [index, scorer] of [lead, ...members].entries()) {
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
}

async function moderateAndDecide({ caseId, lead }: BuiltPanel) {
  const moderation = await lead.call('moderation.open', { caseId });
  const divergent = moderation.summary.criteria.filter((row) => row.divergent).map((row) => row.criterionId);
  for (const { criterionId } of moderation.summary.criteria) {
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
  return lead.call('outcome.decide', {
    caseId,
    decisionDate: todayIso(),
    conditions: [
      {
        text: 'Pay Experts by Experience for attending the steering group (Statement 5).',
        dueDate: addMonths(todayIso(), 6),
      },
    ],
    strengths: [{ statementNumber: 1, text: 'People told us staff asked what mattered to them first.' }],
    recommendations: [{ statementNumber: 2, text: 'Involve families in reviewing the carers’ leaflet.' }],
  });
}
