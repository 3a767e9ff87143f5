import { ProgressBar as AriaProgressBar, Label } from 'react-aria-components';

/** An error, announced at once, with the plain-English message and what to do next. */
export function ErrorNotice({
  title = 'That did not work',
  message,
  details,
}: {
  title?: string;
  message: string;
  details?: string[] | undefined;
}) {
  return (
    <div role="alert" className="notice notice-error">
      <p className="notice-title">
        <span aria-hidden="true">⚠ </span>
        {title}
      </p>
      <p>{message}</p>
      {details && details.length > 0 && (
        <ul>
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A quiet message read out politely: "Saved", "Opening the case file…". */
export function StatusNotice({
  children,
  tone = 'info',
}: {
  children: React.ReactNode;
  tone?: 'info' | 'success';
}) {
  return (
    <p role="status" className={`notice notice-${tone}`}>
      {tone === 'success' && <span aria-hidden="true">✓ </span>}
      {children}
    </p>
  );
}

/** Progress for slow work; indeterminate when the total is unknown. */
export function ProgressBar({ label, value, total }: { label: string; value?: number; total?: number }) {
  const determinate = value !== undefined && total !== undefined && total > 0;
  return (
    <AriaProgressBar
      className="progress"
      value={determinate ? value : undefined}
      maxValue={determinate ? total : 100}
      isIndeterminate={!determinate}
    >
      {({ percentage, valueText }) => (
        <>
          <Label className="progress-label">{label}</Label>
          <span className="progress-value">{determinate ? valueText : 'Working…'}</span>
          <div className="progress-track">
            <div className="progress-fill" style={{ width: `${determinate ? (percentage ?? 0) : 40}%` }} />
          </div>
        </>
      )}
    </AriaProgressBar>
  );
}
