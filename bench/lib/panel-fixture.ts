import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditLabel, type CaseActor, type CaseScope } from '../../src/main/case';
import {
  applyCaseFileSettings,
  CaseFile,
  CaseRegistry,
  openSqlite,
  unlockWithPassphrase,
} from '../../src/main/casefile';
import { buildPanel, PanelClient, type BuiltPanel, type PanelMemberPlan } from '../../src/main/demo';
import {
  moderationView,
  mySheet,
  openModeration,
  panelMembers,
  saveScore,
  submitSheet,
} from '../../src/main/panel';
import { nodeRuntime } from '../../src/main/runtime';
import { loadStandard } from '../../src/main/standards';
import type { EvidenceFields } from '../../src/shared/api';
import type { Score } from '../../src/shared/scoring';
import { allCriteria, standardSchema, type Criterion, type Standard } from '../../src/shared/standard';
import { REPO_ROOT, deriveRawKey, type BenchWorkspace } from './workspace';

/**
 * The panel the bench uses: a lead and seven more scoring members (five Experts by Experience,
 * two professional co-assessors) scoring a 30-criterion standard. The bundled standard has 19
 * criteria, so the bench standard adds copies of existing criteria (new ids, same wording) until
 * every I Statement has five; it is validated with the real schema.
 */

export const BENCH_PASSPHRASE = 'harbour-lantern-quartz-meadow-violin-copse';
export const BENCH_ORGANISATION = 'Harbour Minds Community Wellbeing Trust';
const CRITERIA_PER_STATEMENT = 5;

function benchStandard(): Standard {
  const bundled = loadStandard(join(REPO_ROOT, 'resources', 'standards', 'coproduction-standard-v1.json'));
  const statements = bundled.statements.map((statement) => {
    const criteria: Criterion[] = [...statement.criteria];
    for (let index = criteria.length; index < CRITERIA_PER_STATEMENT; index += 1) {
      const model = statement.criteria[index % statement.criteria.length]!;
      criteria.push({
        ...model,
        id: `S${statement.number}.${index + 1}`,
        title: `${model.title} (bench copy ${index + 1})`,
        mustHave: false,
      });
    }
    return { ...statement, criteria };
  });
  return standardSchema.parse({
    ...bundled,
    id: 'coproduction-standard-bench',
    title: `${bundled.title} (bench, 30 criteria)`,
    statements,
  });
}

const MEMBERS: readonly PanelMemberPlan[] = [
  { name: 'Dafydd Llywelyn', role: 'assessor' },
  { name: 'Priya Raman', role: 'assessor' },
  { name: 'Tomasz Nowak', role: 'assessor' },
  { name: 'Grace Mensah', role: 'assessor' },
  { name: 'Siobhan Kelly', role: 'assessor' },
  { name: 'Helen Marsh', role: 'co_assessor' },
  { name: 'Jamal Haddad', role: 'co_assessor' },
].map((member, index) => ({
  ...member,
  role: member.role as PanelMemberPlan['role'],
  pin: `${2400 + index}`,
  consentToBeNamed: true,
}));

const EVIDENCE_TITLES = [
  'Support plans reviewed with names removed',
  'Notes of the carers’ forum',
  'Survey of people using the crisis café',
  'Observation of a team meeting',
  'Interview with the peer support lead',
  'Language guidance for staff',
  'Minutes of the lived experience advisory group',
  'Training records for co-delivered sessions',
];

export interface PanelPlan {
  standard: Standard;
  lead: CaseActor;
  /** Everyone who scores, the lead first. */
  scorers: CaseActor[];
  evidenceIds: string[];
}

export interface PanelTemplate {
  plan: PanelPlan;
  /** Encrypted case file, scoring open, no scores yet. Copy it; never change it. */
  encrypted: string;
  /** The same file decrypted (same pages, same content): the plain SQLite baseline. */
  plain: string;
  /** The encrypted file's derived raw key (x'…'). */
  rawKey: string;
}

/**
 * The bench standard bundled in a resources folder of its own, so the app (which assesses new
 * cases against its bundled standard) creates the template case with it, through the API.
 */
function benchResources(workspace: BenchWorkspace, standard: Standard): string {
  const dir = workspace.path('resources');
  mkdirSync(join(dir, 'standards'), { recursive: true });
  writeFileSync(join(dir, 'standards', `${standard.id}-v${standard.version}.json`), JSON.stringify(standard));
  return dir;
}

function benchEvidence(standard: Standard, count: number): EvidenceFields[] {
  const criteria = allCriteria(standard);
  return Array.from({ length: count }, (_, index) => ({
    title: `${EVIDENCE_TITLES[index % EVIDENCE_TITLES.length]} (${index + 1})`,
    kind: (['document', 'interview', 'observation', 'survey'] as const)[index % 4]!,
    source: 'Shared by the organisation before the visit',
    date: '2026-03-02',
    criteria: [criteria[index % criteria.length]!.id, criteria[(index * 7 + 3) % criteria.length]!.id],
    consent: 'not_needed',
    quote: '',
    notes: 'Shows how people who use the service and their families shaped the work, in their own words.',
  }));
}

/** Who scores in the built panel, as the workflow names them: the lead first. */
async function scorersOf(built: BuiltPanel): Promise<CaseActor[]> {
  const members = await built.lead.call('panel.list', { caseId: built.caseId });
  return [built.lead, ...built.members].map((client) => {
    const member = members.find((candidate) => candidate.id === client.memberId);
    if (!member) throw new Error('A member of the bench panel is missing.');
    return { memberId: member.id, name: member.name, role: member.role, label: auditLabel(member) };
  });
}

/** Builds the template case once, through the API: panel of 8 with conflicts declared, 40 evidence items, scoring open. */
export async function buildPanelTemplate(
  workspace: BenchWorkspace,
  evidenceItems = 40,
): Promise<PanelTemplate> {
  const standard = benchStandard();
  const runtime = nodeRuntime('cli', {
    resourcesDir: benchResources(workspace, standard),
    workspaceDir: workspace.root,
    userDataDir: workspace.path('user-data'),
  });
  const cases = new CaseRegistry();
  let plan: PanelPlan;
  let encrypted: string;
  try {
    const built = await buildPanel(
      {
        fileName: 'panel-template.copanel',
        organisation: BENCH_ORGANISATION,
        passphrase: BENCH_PASSPHRASE,
        lead: { name: 'Amara Okafor', pin: '2468' },
        members: MEMBERS,
        evidence: benchEvidence(standard, evidenceItems),
        openScoring: true,
      },
      () => new PanelClient(runtime, cases),
    );
    const scorers = await scorersOf(built);
    plan = { standard, lead: scorers[0]!, scorers, evidenceIds: built.evidenceIds };
    encrypted = built.path;
  } finally {
    await cases.closeAll();
  }
  const rawKey = await deriveRawKey(encrypted, BENCH_PASSPHRASE);
  const plain = workspace.path('panel-template-plain.sqlite');
  decryptCopy(encrypted, rawKey, plain);
  return { plan, encrypted, plain, rawKey };
}

/** What the workflow functions are given for a member of the bench panel. */
export function scopeOf(caseFile: CaseFile, plan: PanelPlan, actor: CaseActor): CaseScope {
  return { caseFile, standard: plan.standard, actor };
}

/** Copies an encrypted case file and removes the encryption from the copy (SQLite3 Multiple Ciphers: rekey to no key). */
function decryptCopy(encrypted: string, rawKey: string, target: string): void {
  copyFileSync(encrypted, target);
  const sqlite = openSqlite(target, { fileMustExist: true });
  try {
    unlockWithPassphrase(sqlite, rawKey);
    sqlite.rekey(Buffer.alloc(0));
  } finally {
    sqlite.close();
  }
  const check = openSqlite(target, { fileMustExist: true });
  try {
    check.prepare('select count(*) from case_metadata').get();
  } finally {
    check.close();
  }
}

/**
 * Opens a case file with exactly the connection settings the app uses (rollback journal,
 * synchronous=FULL, foreign keys, …) and the app's CaseFile over it — encrypted when `rawKey` is
 * given, plain otherwise. The only difference between the two is the cipher. (openCaseFile
 * itself refuses a plain file, so both sides are opened this way; no lock file is taken.)
 */
export async function openForBench(
  path: string,
  rawKey: string | null,
  options: { flushes?: boolean } = {},
): Promise<CaseFile> {
  const sqlite = openSqlite(path, { fileMustExist: true });
  try {
    if (rawKey !== null) unlockWithPassphrase(sqlite, rawKey);
    sqlite.prepare('select count(*) from sqlite_master').get();
    applyCaseFileSettings(sqlite, { readOnly: false });
    // Only for a CPU-only comparison: no flushes to disk (never how the app runs).
    if (options.flushes === false) sqlite.pragma('synchronous = OFF');
    return await CaseFile.fromConnection(sqlite, path, false, undefined);
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** A small deterministic generator, so every run scores the same way. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mostly 2s with some spread, the odd "not enough evidence": what a real panel's sheets look like. */
export function plannedScore(random: () => number): Score {
  const roll = random();
  if (roll < 0.04) return 'not_enough_evidence';
  if (roll < 0.14) return 0;
  if (roll < 0.34) return 1;
  if (roll < 0.84) return 2;
  return 3;
}

export function rationale(actor: CaseActor, criterionId: string): string {
  return (
    `${actor.name} on ${criterionId}: the support plans we read were written with people, in their own words, and ` +
    'the carers we spoke to said they were kept informed. Staff could name the Experts by Experience they work with, ' +
    'but we saw less about how their advice changed decisions at board level, so we looked for more evidence.'
  );
}

/**
 * The realistic write/read mix, through the panel workflow functions the API handlers call: each of
 * the 8 members scores all 30 criteria with a rationale and two evidence links (each save is one
 * audited transaction followed by reading back their sheet) and submits their sheet; the lead
 * opens moderation; then every member's screen reads the moderation view and the panel list.
 */
export async function runPanelMix(caseFile: CaseFile, plan: PanelPlan): Promise<void> {
  const random = seededRandom(20260302);
  const criteria = allCriteria(plan.standard);
  for (const [memberIndex, actor] of plan.scorers.entries()) {
    const scope = scopeOf(caseFile, plan, actor);
    for (const [criterionIndex, criterion] of criteria.entries()) {
      const first = (memberIndex * 5 + criterionIndex) % plan.evidenceIds.length;
      await saveScore(scope, {
        criterionId: criterion.id,
        score: plannedScore(random),
        rationale: rationale(actor, criterion.id),
        evidenceIds: [plan.evidenceIds[first]!, plan.evidenceIds[(first + 11) % plan.evidenceIds.length]!],
      });
    }
    await submitSheet(scope);
  }
  await openModeration(scopeOf(caseFile, plan, plan.lead));
  for (const actor of plan.scorers) {
    const scope = scopeOf(caseFile, plan, actor);
    await moderationView(scope);
    await panelMembers(scope);
    await mySheet(scope);
  }
}
