import { useCompactLayout } from './display-settings';

/**
 * Part of the frame (the app's menu, the case bar, the stage list) that folds into a disclosure
 * when the layout is compact, so that the page's heading comes first; shown as it is otherwise.
 * A `<details>` element: its summary is a button to the keyboard and to screen readers.
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
  if (!compact) return <>{children}</>;
  return (
    <details className={`fold-away ${className}`}>
      <summary className="fold-away-summary">{summary}</summary>
      <div className="fold-away-body">{children}</div>
    </details>
  );
}
