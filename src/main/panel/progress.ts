import type { CaseProgress, DecidedOutcome, Stage } from '../../shared/api';
import { allCriteria } from '../../shared/standard';
import { currentCycle, type CaseActor, type OpenCaseScope } from '../case';
import { recordedOutcome } from './outcome';
import {
  agreedRecords,
  type CaseDb,
  evidenceCount,
  type MemberRecord,
  memberRecords,
  type ModerationStatus,
  moderationStatus,
  scoredCounts,
  type SheetRecord,
  sheetRecords,
} from './records';
import {
  conflictUndecided,
  declarationNotTheirOwn,
  effectiveSheet,
  isScoringRole,
  panelShortfalls,
  type Shortfall,
} from './rules';
import { joinWords, plural } from './words';

/**
 * Where the assessment stands: each stage's state with a plain sentence, and the one obvious next
 * step. Counts only — nothing here reveals a score.
 */

interface Facts {
  phase: CaseProgress['phase'];
  evidence: number;
  members: MemberRecord[];
  shortfalls: Shortfall[];
  sheets: { submitted: string[]; excluded: string[]; waiting: string[]; undecided: string[] };
  /** Each member's sheet as kept, and how many criteria each has scored (counts, never scores). */
  sheetRows: Map<string, SheetRecord>;
  scored: Map<string, number>;
  agreedCount: number;
  criteriaCount: number;
  outcome: DecidedOutcome | null;
  /** The certificate has been signed and co-signed. */
  certified: boolean;
}

export async function caseProgress(
  scope: OpenCaseScope,
  db: CaseDb = scope.caseFile.db,
): Promise<CaseProgress> {
  const facts = await gatherFacts(scope, db);
  return {
    stages: [
      evidenceStage(facts),
      panelStage(facts),
      scoringStage(facts),
      moderationStage(facts),
      decisionStage(facts),
      certificateStage(facts),
    ],
    nextStep: nextStep(facts),
    yourNextStep: scope.actor ? yourNextStep(facts, scope.actor) : null,
    phase: facts.phase,
  };
}

async function gatherFacts(scope: OpenCaseScope, db: CaseDb): Promise<Facts> {
  const cycle = await currentCycle(db);
  const [members, sheetRows, scored, evidence, moderation, agreed, outcome] = await Promise.all([
    memberRecords(db, cycle.id),
    sheetRecords(db, cycle.id),
    scoredCounts(db, cycle.id),
    evidenceCount(db),
    moderationStatus(db, cycle.id),
    agreedRecords(db, cycle.id),
    recordedOutcome(scope, db),
  ]);
  const sheets = {
    submitted: [] as string[],
    excluded: [] as string[],
    waiting: [] as string[],
    undecided: [] as string[],
  };
  for (const member of members.filter((candidate) => isScoringRole(candidate.role))) {
    const status = effectiveSheet(member, sheetRows.get(member.id), 0).status;
    if (status === 'submitted') sheets.submitted.push(member.name);
    else if (status === 'excluded') sheets.excluded.push(member.name);
    else sheets.waiting.push(member.name);
    if (conflictUndecided(member)) sheets.undecided.push(member.name);
  }
  return {
    phase: phaseOf(cycle.status, moderation),
    certified: cycle.status === 'certified',
    evidence,
    members,
    shortfalls: panelShortfalls(members),
    sheets,
    sheetRows,
    scored,
    agreedCount: agreed.length,
    criteriaCount: allCriteria(scope.standard).length,
    outcome,
  };
}

function phaseOf(status: string, moderation: ModerationStatus): CaseProgress['phase'] {
  if (status === 'preparing') return 'preparing';
  if (status === 'scoring') return 'scoring';
  if (status === 'decided' || status === 'certified') return 'decided';
  return moderation === 'closed' ? 'moderation_closed' : 'moderation';
}

function evidenceStage(facts: Facts): Stage {
  const held = plural(facts.evidence, 'piece of evidence', 'pieces of evidence');
  if (facts.phase !== 'preparing' && facts.evidence === 0)
    return {
      name: 'evidence',
      state: 'attention',
      explanation:
        'No evidence was recorded: the evidence register is empty. Add the documents, survey results and notes of conversations the panel looked at, so the scores and the report can point to them.',
    };
  if (facts.phase !== 'preparing')
    return { name: 'evidence', state: 'done', explanation: `${held} in the register.` };
  return {
    name: 'evidence',
    state: 'current',
    explanation:
      facts.evidence === 0
        ? 'No evidence yet: add the organisation’s documents, survey results and notes of conversations to the evidence register.'
        : `${held} in the register so far. Gather evidence for every I Statement before the visit.`,
  };
}

function panelStage(facts: Facts): Stage {
  const scoring = facts.members.filter((member) => isScoringRole(member.role)).length;
  const described = `${plural(facts.members.length, 'member', 'members')}, ${scoring} of them scoring.`;
  if (facts.phase !== 'preparing')
    return { name: 'panel', state: 'done', explanation: `The panel is set: ${described}` };
  if (facts.shortfalls.length > 0)
    return {
      name: 'panel',
      state: 'current',
      explanation: facts.shortfalls.map((shortfall) => shortfall.reason).join(' '),
    };
  return { name: 'panel', state: 'done', explanation: `The panel is ready: ${described}` };
}

function scoringStage(facts: Facts): Stage {
  const { submitted, excluded, waiting } = facts.sheets;
  if (facts.phase === 'preparing') {
    return facts.shortfalls.length > 0
      ? {
          name: 'scoring',
          state: 'not_yet_open',
          explanation: facts.shortfalls.map((shortfall) => shortfall.reason).join(' '),
        }
      : {
          name: 'scoring',
          state: 'open',
          explanation: 'The panel is ready, so the lead assessor can open scoring.',
        };
  }
  if (facts.phase === 'scoring') {
    const inCount = submitted.length + excluded.length;
    const total = inCount + waiting.length;
    const still = waiting.length > 0 ? ` Still to submit: ${joinWords(waiting)}.` : '';
    return {
      name: 'scoring',
      state: 'current',
      explanation: `Each member scores on their own; scores are sealed. ${inCount} of ${total} sheets are in.${still}`,
    };
  }
  const left = excluded.length > 0 ? `, ${excluded.length} left out` : '';
  return {
    name: 'scoring',
    state: 'done',
    explanation: `Every sheet is in: ${submitted.length} submitted${left}.`,
  };
}

function moderationStage(facts: Facts): Stage {
  if (facts.phase === 'preparing') {
    return {
      name: 'moderation',
      state: 'not_yet_open',
      explanation: 'Moderation opens when every scoring member has submitted their score sheet.',
    };
  }
  if (facts.phase === 'scoring') {
    if (facts.sheets.waiting.length > 0 || facts.sheets.undecided.length > 0) {
      const waiting =
        facts.sheets.waiting.length > 0 ? ` Still to submit: ${joinWords(facts.sheets.waiting)}.` : '';
      return {
        name: 'moderation',
        state: 'not_yet_open',
        explanation: `Moderation opens when every scoring member has submitted their score sheet.${waiting}`,
      };
    }
    return {
      name: 'moderation',
      state: 'open',
      explanation: 'Every sheet is in, so the lead assessor can open moderation.',
    };
  }
  if (facts.phase === 'moderation') {
    return {
      name: 'moderation',
      state: 'current',
      explanation: `The panel sees every score side by side and agrees a score for each criterion: ${facts.agreedCount} of ${facts.criteriaCount} agreed so far.`,
    };
  }
  return {
    name: 'moderation',
    state: 'done',
    explanation: 'Moderation is closed: every criterion has an agreed score.',
  };
}

function decisionStage(facts: Facts): Stage {
  if (facts.outcome) return { name: 'decision', state: 'done', explanation: describeDecision(facts.outcome) };
  if (facts.phase === 'moderation_closed') {
    return {
      name: 'decision',
      state: 'open',
      explanation: 'Moderation is closed, so the lead assessor can record the decision the rules give.',
    };
  }
  return {
    name: 'decision',
    state: 'not_yet_open',
    explanation: 'The decision is taken once moderation is closed and every criterion has an agreed score.',
  };
}

function describeDecision(outcome: DecidedOutcome): string {
  if (outcome.level === 'not_yet_awarded') return `Decided on ${outcome.decisionDate}: not yet awarded.`;
  const name = outcome.decision.levelName ?? `Level ${outcome.level}`;
  return `Decided on ${outcome.decisionDate}: ${name}, valid until ${outcome.validUntil ?? 'unknown'}, interim review due ${outcome.interimReviewDue ?? 'unknown'}.`;
}

function certificateStage(facts: Facts): Stage {
  if (!facts.outcome)
    return {
      name: 'certificate',
      state: 'not_yet_open',
      explanation: 'The certificate is signed once the decision is taken.',
    };
  if (facts.outcome.level === 'not_yet_awarded') {
    return {
      name: 'certificate',
      state: 'not_yet_open',
      explanation: 'There is no certificate, because the level was not yet awarded.',
    };
  }
  if (facts.certified) {
    return {
      name: 'certificate',
      state: 'done',
      explanation:
        'The certificate is issued: signed by the lead assessor and co-signed by an Expert by Experience.',
    };
  }
  return {
    name: 'certificate',
    state: 'open',
    explanation: 'Sign the certificate: the lead assessor signs, and an Expert by Experience co-signs.',
  };
}

function nextStep(facts: Facts): string {
  switch (facts.phase) {
    case 'preparing':
      return facts.shortfalls[0]?.nextStep ?? 'Open scoring: the panel is ready.';
    case 'scoring':
      if (facts.sheets.undecided.length > 0)
        return `Decide on the conflict of interest declared by ${joinWords(facts.sheets.undecided)}.`;
      if (facts.sheets.waiting.length > 0)
        return `Wait for ${joinWords(facts.sheets.waiting)} to submit their score sheet.`;
      return 'Open moderation: every sheet is in.';
    case 'moderation': {
      const left = facts.criteriaCount - facts.agreedCount;
      return left > 0
        ? `Agree a score for each criterion, starting with the divergent ones: ${plural(left, 'criterion', 'criteria')} still to agree.`
        : 'Close moderation to lock the agreed scores.';
    }
    case 'moderation_closed':
      return 'Record the decision: the level the rules give, with any conditions, strengths and recommendations.';
    case 'decided':
      return facts.outcome?.level === 'not_yet_awarded'
        ? 'Share the recommendations with the organisation, so they know what to work on before they are assessed again.'
        : facts.certified
          ? 'Give the organisation its certificate and report. The interim review is due at 18 months.'
          : 'Sign the certificate.';
  }
}

/**
 * The signed-in member's own next step, in the first person: the conflict question comes first,
 * then their own sheet (how far they have got), then thanks; the lead's also takes in the whole
 * case. Nobody is told to wait for themselves.
 */
function yourNextStep(facts: Facts, actor: CaseActor): string | null {
  const me = facts.members.find((member) => member.id === actor.memberId);
  if (!me) return null;
  const beforeModeration = facts.phase === 'preparing' || facts.phase === 'scoring';
  if (beforeModeration && me.conflict.status === 'not_declared')
    return 'Declare any conflict of interest: on the Panel page, say whether you have any link with this organisation. This comes before scoring.';
  if (facts.phase === 'preparing' && declarationNotTheirOwn(me))
    return 'Make your own declaration of interests: on the Panel page, say whether you have any link with this organisation (the lead assessor recorded one for you; you can say the same). This comes before scoring.';
  if (facts.phase === 'scoring' && isScoringRole(me.role)) {
    const scored = facts.scored.get(me.id) ?? 0;
    const sheet = effectiveSheet(me, facts.sheetRows.get(me.id), scored);
    if (sheet.status === 'not_started' || sheet.status === 'in_progress')
      return `Score the ${facts.criteriaCount} criteria (${scored} done), then submit your sheet.`;
    if (me.role !== 'lead') {
      return sheet.status === 'excluded'
        ? 'Your sheet is left out of moderation, so there is nothing for you to score. Thank you.'
        : 'Your sheet is in, thank you. The lead assessor opens moderation when every sheet is in.';
    }
    return `Your sheet is in. ${nextStep(facts)}`;
  }
  if (me.role === 'lead') return nextStep(facts);
  return memberNextStep(facts, me.role === 'observer');
}

/** A member other than the lead, once their part before moderation is done. */
function memberNextStep(facts: Facts, observing: boolean): string {
  switch (facts.phase) {
    case 'preparing':
      return 'Thank you for declaring. Scoring opens when the lead assessor has the panel ready; then you score each criterion on your own.';
    case 'scoring':
      return observing
        ? 'You are observing, so you do not score. Moderation opens when every sheet is in.'
        : 'The lead assessor opens moderation when every sheet is in.';
    case 'moderation':
      return 'Talk through the scores with the panel on the Moderation page. If you disagree with an agreed score, you can add a note saying why.';
    case 'moderation_closed':
      return 'Moderation is closed. The lead assessor records the decision the rules give.';
    case 'decided':
      return facts.certified || facts.outcome?.level === 'not_yet_awarded'
        ? 'The assessment is finished. Thank you for your part in it.'
        : 'The lead assessor signs the certificate, and an Expert by Experience co-signs it.';
  }
}
