import { useEffect, useRef } from 'react';

/**
 * One screen's heading and body. When a screen appears, its heading takes focus so that
 * screen-reader users hear where they are and keyboard users start from the top.
 */
export function Page({
  title,
  intro,
  children,
  actions,
}: {
  title: string;
  intro?: React.ReactNode;
  children: React.ReactNode;
  actions?: React.ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    document.title = `${title} — Coproduction Panel`;
  }, [title]);
  return (
    <div className="page">
      <div className="page-heading">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {intro && <div className="page-intro">{intro}</div>}
      {children}
    </div>
  );
}
