import { Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Button } from './Button';
import { ErrorNotice } from './feedback';
import './dialog.css';

/**
 * A question that needs an answer before something that cannot easily be undone:
 * "Submit your score sheet?", "Close moderation?". Focus stays inside until it is answered;
 * Escape or "Go back" leaves it without doing anything. With `role="dialog"` it can hold a field
 * (a reason), and Enter in that field confirms.
 */
export function ConfirmDialog({
  isOpen,
  onOpenChange,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Go back',
  onConfirm,
  isPending = false,
  pendingLabel,
  error,
  role = 'alertdialog',
  variant = 'primary',
}: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  isPending?: boolean;
  pendingLabel?: string;
  /** The server's plain message when the action failed: a sentence, or a titled notice with details. */
  error?: string | { title: string; message: string; details?: string[] | undefined } | null | undefined;
  role?: 'alertdialog' | 'dialog';
  /** 'danger' for actions that remove something. */
  variant?: 'primary' | 'danger';
}) {
  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      isDismissable={!isPending}
      isKeyboardDismissDisabled={isPending}
      className="question-dialog-overlay"
    >
      <Modal className="question-dialog-modal">
        <Dialog role={role} className="question-dialog">
          <Heading slot="title" className="question-dialog-title">
            {title}
          </Heading>
          <Form
            validationBehavior="aria"
            onSubmit={(event) => {
              event.preventDefault();
              if (!isPending) onConfirm();
            }}
          >
            <div className="question-dialog-body">{children}</div>
            {typeof error === 'string' && <ErrorNotice message={error} />}
            {error && typeof error === 'object' && (
              <ErrorNotice title={error.title} message={error.message} details={error.details} />
            )}
            <div className="question-dialog-actions">
              <Button type="submit" variant={variant} isPending={isPending} pendingLabel={pendingLabel}>
                {confirmLabel}
              </Button>
              <Button onPress={() => onOpenChange(false)} isDisabled={isPending}>
                {cancelLabel}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
