import type { Standard } from '../../../../shared/standard';
import type { SaveState } from './autosave';
import { scoreLevelName } from './scores';
import { EMPTY_DRAFT, type Draft } from './useScoreSheet';

/** Every criterion, grouped by I Statement, with the score chosen so far: a way to jump to any of them. */
export function CriteriaJumpList({
  standard,
  drafts,
  saveStates,
  currentId,
  onJump,
}: {
  standard: Standard;
  drafts: Record<string, Draft>;
  saveStates: Record<string, SaveState>;
  currentId: string;
  onJump: (criterionId: string) => void;
}) {
  return (
    <nav className="criteria-jump" aria-labelledby="criteria-jump-heading">
      <h2 id="criteria-jump-heading">All criteria</h2>
      {standard.statements.map((statement) => (
        <div key={statement.number} className="jump-group">
          <h3 className="jump-statement">I Statement {statement.number}</h3>
          <ol className="jump-list">
            {statement.criteria.map((c) => {
              const score = (drafts[c.id] ?? EMPTY_DRAFT).score;
              const scored = score !== null;
              const failed = saveStates[c.id]?.kind === 'failed';
              return (
                <li key={c.id}>
                  <button
                    type="button"
                    className={`jump-link${scored ? ' jump-link-scored' : ''}`}
                    aria-current={c.id === currentId ? 'step' : undefined}
                    onClick={() => onJump(c.id)}
                  >
                    <span className="jump-mark" aria-hidden="true">
                      {scored ? '✓' : '○'}
                    </span>
                    <span className="jump-text">
                      <span className="jump-title">
                        {c.id} {c.title}
                      </span>
                      <span className="jump-state">
                        {score === null ? 'Not scored' : `Your score: ${scoreLevelName(standard, score)}`}
                        {failed ? ', not saved' : ''}
                        {c.id === currentId ? ' (showing now)' : ''}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </nav>
  );
}
