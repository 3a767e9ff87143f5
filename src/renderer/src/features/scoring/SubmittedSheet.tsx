import type { MySheet } from '../../../../shared/api';
import { allCriteria, type Standard } from '../../../../shared/standard';
import { StatusNotice } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { scoreName } from './scores';

/** After submitting: a calm confirmation, and the member's own scores to read back. */
export function SubmittedSheet({
  standard,
  sheet,
  moderationOpen,
  actions,
}: {
  standard: Standard;
  sheet: MySheet;
  moderationOpen: boolean;
  /** Beside the heading (the lead's way into the panel room). */
  actions?: React.ReactNode;
}) {
  const criteria = allCriteria(standard);
  return (
    <Page title="Your score sheet is submitted" actions={actions}>
      <StatusNotice tone="success">
        {moderationOpen
          ? 'Thank you. Moderation has opened, so the panel now sees everyone’s scores side by side.'
          : 'Thank you. Your scores are sealed: nobody else sees them until the lead assessor opens moderation.'}
      </StatusNotice>
      <p>
        You scored {sheet.scoredCount} of {sheet.criteriaCount} criteria. You cannot change your scores now.
        If something needs correcting, tell the lead assessor.
      </p>
      <h2>Your scores</h2>
      <div className="table-scroll" role="region" aria-label="Your scores" tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Your score</th>
              <th scope="col">Why you chose it</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => {
              const entry = sheet.entries.find((e) => e.criterionId === c.id);
              return (
                <tr key={c.id}>
                  <th scope="row">
                    {c.id} {c.title}
                  </th>
                  <td>
                    {entry?.score === null || entry === undefined
                      ? 'Not scored'
                      : scoreName(standard, entry.score)}
                  </td>
                  <td>{entry?.rationale || 'None given'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
