import { useId, useState } from 'react';
import { useCompactLayout } from './display-settings';

/**
 * Part of the frame (the app's menu, the case bar, the stage list) that folds into a disclosure
 * when the layout is compact, so that the page's heading comes first; shown as it is otherwise.
 * The disclosure is a button with `aria-expanded` that shows or hides what it holds.
 *
 * The children keep their place in the tree in both layouts, so a change of layout (zooming, a
 * window made narrower, a phone turned) never remounts them: a question asked by a button in the
 * case bar, or words typed there, stay as they were.
 */
export function FoldAway({
  summary,
  className,
  children,
}: {
  summary: React.ReactNode;
  className: string;
  children: React.ReactNode;
}) {
  const compact = useCompactLayout();
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <div className={compact ? `fold-away ${className}` : 'fold-away-unfolded'}>
      {compact ? (
        <button
          type="button"
          className="fold-away-summary"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((wasOpen) => !wasOpen)}
        >
          {summary}
        </button>
      ) : null}
      <div
        id={bodyId}
        className={compact ? 'fold-away-body' : 'fold-away-unfolded'}
        hidden={compact && !open}
      >
        {children}
      </div>
    </div>
  );
}
