import type { ModerationView } from '../../../../shared/api';
import type { Standard } from '../../../../shared/standard';
import { Button } from '../../ui/Button';
import { scoreName, shortScore } from '../scoring/scores';
import { DotPlot } from './DotPlot';

/** Every criterion (divergent first) with each member's score in its own column. */
export function ScoresTable({
  view,
  standard,
  selectedId,
  onDiscuss,
  nameOf,
}: {
  view: ModerationView;
  standard: Standard;
  selectedId: string | null;
  onDiscuss: (criterionId: string) => void;
  nameOf: (id: string) => string;
}) {
  const criteria = view.summary.criteria;
  const members = criteria[0]?.scores.map((s) => ({ id: s.memberId, name: s.memberName })) ?? [];

  return (
    <div
      className="table-scroll moderation-table-scroll"
      role="region"
      aria-labelledby="scores-heading"
      tabIndex={0}
    >
      <table className="data moderation-table">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            {members.map((m) => (
              <th scope="col" key={m.id}>
                {m.name}
              </th>
            ))}
            <th scope="col">Spread</th>
            <th scope="col">Agreed score</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((row) => {
            const agreed = view.agreed.find((a) => a.criterionId === row.criterionId);
            const far = new Set(row.farFromMedian.map((f) => f.memberId));
            const selected = row.criterionId === selectedId;
            const classes = [
              'moderation-row',
              row.divergent ? 'row-divergent' : '',
              row.evidenceDisputed ? 'row-disputed' : '',
              selected ? 'row-selected' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <tr key={row.criterionId} className={classes}>
                <th scope="row" className="criterion-cell">
                  <span className="criterion-cell-title">
                    {row.criterionId} {row.title}
                  </span>
                  {row.mustHave && <span className="mod-tag">Must-have</span>}
                  {row.divergent && (
                    <span className="mod-flag mod-flag-divergent">
                      <span aria-hidden="true">◆ </span>
                      <strong>Divergent:</strong> {row.reasons.join(' ')}
                    </span>
                  )}
                  {!row.divergent && row.evidenceDisputed && (
                    <span className="mod-flag mod-flag-disputed">
                      <span aria-hidden="true">◇ </span>
                      <strong>Evidence disputed:</strong> {row.reasons.join(' ')}
                    </span>
                  )}
                  {selected ? (
                    <span className="mod-tag mod-tag-selected">Being discussed below</span>
                  ) : (
                    <Button variant="link" onPress={() => onDiscuss(row.criterionId)}>
                      Discuss<span className="visually-hidden"> {row.criterionId}</span>
                    </Button>
                  )}
                </th>
                {members.map((m) => {
                  const score = row.scores.find((s) => s.memberId === m.id)?.score ?? null;
                  return (
                    <td key={m.id} className={`score-cell${far.has(m.id) ? ' score-far' : ''}`}>
                      <span className="score-value">{shortScore(score)}</span>
                      {far.has(m.id) && (
                        <span className="score-far-note">2 or more from the middle score</span>
                      )}
                    </td>
                  );
                })}
                <td className="spread-cell">
                  <DotPlot row={row} width={120} />
                </td>
                <td>
                  {agreed ? (
                    <>
                      <strong>{scoreName(standard, agreed.score)}</strong>
                      <span className="agreed-by">by {nameOf(agreed.recordedBy)}</span>
                    </>
                  ) : (
                    'Not agreed yet'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
