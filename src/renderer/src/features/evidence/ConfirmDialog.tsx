import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import './confirm-dialog.css';

/**
 * "Are you sure?" before something that cannot be undone. Stays open while the action runs and
 * shows the server's plain message if it fails; Escape or "Go back" closes it without doing anything.
 */
export function ConfirmDialog(props: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  isPending?: boolean;
  pendingLabel?: string;
  error?: string | undefined;
  variant?: 'primary' | 'danger';
}) {
  const { isOpen, onOpenChange, title, children, confirmLabel, cancelLabel = 'Go back', onConfirm, isPending = false, pendingLabel, error, variant = 'primary' } = props;
  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      isDismissable={!isPending}
      isKeyboardDismissDisabled={isPending}
      className="confirm-dialog-overlay"
    >
      <Modal className="confirm-dialog-modal">
        <Dialog role="alertdialog" className="confirm-dialog">
          <Heading slot="title" className="confirm-dialog-title">
            {title}
          </Heading>
          <div className="confirm-dialog-body">{children}</div>
          {error && <ErrorNotice message={error} />}
          <div className="confirm-dialog-actions">
            <Button variant={variant} onPress={onConfirm} isPending={isPending} pendingLabel={pendingLabel}>
              {confirmLabel}
            </Button>
            <Button onPress={() => onOpenChange(false)} isDisabled={isPending}>
              {cancelLabel}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
