import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';

export interface ButtonProps extends Omit<AriaButtonProps, 'className' | 'children'> {
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  children: React.ReactNode;
  /** Shown to everyone (and announced) while the action is running. */
  pendingLabel?: string;
}

/** A button: at least 44×44 px, visible focus, announces when busy. */
export function Button({ variant = 'secondary', children, pendingLabel, isPending, ...props }: ButtonProps) {
  return (
    <AriaButton {...props} isPending={isPending} className={`button button-${variant}`}>
      {isPending && pendingLabel ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {pendingLabel}
        </>
      ) : (
        children
      )}
    </AriaButton>
  );
}
