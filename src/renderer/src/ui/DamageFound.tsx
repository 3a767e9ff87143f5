import type { ReactNode } from 'react';

/**
 * Damage the full check of an encrypted file (a case file or a scheme file) has found: what, in
 * plain words, as an alert; `children` say what to do with this kind of file.
 */
export function DamageFound({
  fileKind,
  check,
  className,
  children,
}: {
  fileKind: 'case file' | 'scheme file';
  check: { state: string; damage: readonly { detail: string }[] };
  className?: string;
  children: ReactNode;
}) {
  return (
    <div role="alert" className={className ? `notice notice-error ${className}` : 'notice notice-error'}>
      <p className="notice-title">
        <span aria-hidden="true">⚠ </span>
        This {fileKind} is damaged
      </p>
      <p>
        {check.state === 'running'
          ? 'The full check has found damage (it goes on checking the rest):'
          : 'The full check found damage:'}
      </p>
      <ul>
        {check.damage.map((item) => (
          <li key={item.detail}>{item.detail}</li>
        ))}
      </ul>
      {children}
    </div>
  );
}
