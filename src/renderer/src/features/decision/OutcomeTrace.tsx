import type { OutcomeDecision } from '../../../../shared/scoring';
import { levelWords } from './decisionWords';

/** The level in large type, said in words. */
export function LevelHeadline({ decision, label }: { decision: OutcomeDecision; label: string }) {
  const awarded = decision.level !== 'not_yet_awarded';
  return (
    <div className={`level-headline ${awarded ? 'level-awarded' : 'level-not-awarded'}`}>
      <p className="level-label">{label}</p>
      <p className="level-value">
        <span aria-hidden="true" className="level-symbol">
          {awarded ? '★' : '○'}
        </span>
        {levelWords(decision)}
      </p>
      <p className="level-summary">{decision.summary}</p>
    </div>
  );
}

/** The reasons, level by level, as sentences a panel can read aloud. */
export function OutcomeTrace({ decision, headingId }: { decision: OutcomeDecision; headingId: string }) {
  return (
    <section aria-labelledby={headingId} className="trace">
      <h2 id={headingId}>Why: the rules, level by level</h2>
      <p>Read these aloud to the panel. Each level is met only when every one of its rules is met.</p>
      {decision.levels.map((level) => (
        <div key={level.level} className={`trace-level ${level.met ? 'trace-met' : 'trace-not-met'}`}>
          <h3 className="trace-level-heading">
            <span aria-hidden="true" className="trace-symbol">
              {level.met ? '✓' : '✗'}
            </span>
            {level.name}: <span className="trace-verdict">{level.met ? 'met' : 'not met'}</span>
          </h3>
          <ol className="trace-rules">
            {level.rules.map((rule, index) => (
              <li key={index} className={rule.met ? 'trace-rule-met' : 'trace-rule-not-met'}>
                <p className="trace-rule-verdict">
                  <strong>
                    Rule {index + 1}: {rule.met ? 'met' : 'not met'}.
                  </strong>
                </p>
                {rule.sentences.map((sentence, i) => (
                  <p key={i}>{sentence}</p>
                ))}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
