import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Modal } from './Modal.tsx';

export interface ConfirmDialogProps {
  readonly title: string;
  /** What the action does, said before it is done. */
  readonly children: ReactNode;
  readonly confirmLabel: string;
  /** Shown on the confirm button while the action runs. */
  readonly busyLabel: string;
  readonly cancelLabel: string;
  readonly busy: boolean;
  /** Why the last attempt was refused; the dialog stays open for another try or a cancel. */
  readonly error?: string;
  /** `danger` for what sends orders or changes the book; `primary` otherwise. */
  readonly tone: 'danger' | 'primary';
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly testId: string;
  readonly confirmTestId: string;
}

/**
 * The one confirm step: the consequences, the refusal if there was one, one button that does it and one
 * that does not. Portalled to the page: a panel's paint containment would otherwise hold the fixed overlay
 * inside the panel.
 */
export function ConfirmDialog(p: ConfirmDialogProps) {
  return createPortal(
    <Modal title={p.title} onClose={p.onCancel} testId={p.testId}>
      {p.children}
      {p.error ? (
        <p className="error" role="alert">
          {p.error}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className={p.tone === 'danger' ? 'danger-button' : 'primary'} disabled={p.busy} onClick={p.onConfirm} data-testid={p.confirmTestId}>
          {p.busy ? p.busyLabel : p.confirmLabel}
        </button>
        <button type="button" onClick={p.onCancel}>
          {p.cancelLabel}
        </button>
      </div>
    </Modal>,
    document.body,
  );
}
