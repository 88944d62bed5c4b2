/**
 * What surrounds the fields of every form: the draft notice at the top, the
 * submit area with its status and retry button at the bottom, and the
 * message that replaces the form once the server has it.
 */
import { type ReactNode, useEffect, useRef, useState } from "react";
import { formatFrenchDate } from "../../domain/french-date";
import { frForms } from "../../domain/messages.fr";
import { StatusRegion } from "./StatusRegion";

const savedAtFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short" });

/** Props of DraftNotice. */
export interface DraftNoticeProps {
  restoredAt: Date | undefined;
  persistent: boolean;
  onDiscard(): void;
}

/**
 * Says that a draft was restored (with a way to discard it, for a shared
 * computer), that the text is being kept, or that it cannot be.
 */
export function DraftNotice({ restoredAt, persistent, onDiscard }: DraftNoticeProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [discarded, setDiscarded] = useState(false);

  if (!persistent) return <p className="form-notice form-notice-warning">{frForms.draft.unavailable}</p>;
  if (restoredAt) {
    return (
      <div className="form-notice" ref={ref} tabIndex={-1}>
        <p>{frForms.draft.restored(formatFrenchDate(savedAtFormat, restoredAt))}</p>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => {
            onDiscard();
            setDiscarded(true);
            // The button disappears with the draft: keep the focus in the notice that replaces it.
            requestAnimationFrame(() => ref.current?.focus());
          }}
        >
          {frForms.draft.discard}
        </button>
      </div>
    );
  }
  return (
    <div className="form-notice-plain" ref={ref} tabIndex={-1}>
      <p className="meta">{discarded ? frForms.draft.discarded : frForms.draft.kept}</p>
    </div>
  );
}

/** Props of SubmitArea. */
export interface SubmitAreaProps {
  /** Id prefix for the status region. */
  id: string;
  label: string;
  hydrated: boolean;
  sending: boolean;
  notice: string;
  canRetry: boolean;
  onRetry(): void;
}

/**
 * The submit button, the form's status region and, after a failure worth
 * retrying, "Réessayer". While sending, the button stays focusable
 * (aria-disabled, not disabled) so the focus is not thrown back to the top
 * of the page, and pressing it again only repeats "Envoi en cours…".
 */
export function SubmitArea({ id, label, hydrated, sending, notice, canRetry, onRetry }: SubmitAreaProps) {
  return (
    <div className="form-actions">
      <button type="submit" className="button" disabled={!hydrated} aria-disabled={sending ? true : undefined}>
        {label}
      </button>
      <StatusRegion id={`${id}-status`} message={notice} className={canRetry ? "form-status-failure" : undefined} />
      {canRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {frForms.retry}
        </button>
      )}
    </div>
  );
}

/**
 * Replaces the form after a 2xx, and takes focus so the confirmation is read at once; `children`
 * (the receipt with its tracking link, Receipt.tsx) come between the thanks and the action.
 */
export function SuccessPanel({
  message,
  actionLabel,
  onAction,
  children,
}: {
  message: string;
  actionLabel?: string | undefined;
  onAction?: (() => void) | undefined;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="form-success" ref={ref} tabIndex={-1}>
      <p>{message}</p>
      {children}
      {actionLabel && onAction && (
        <button type="button" className="button button-secondary" onClick={onAction}>
          {actionLabel}
        </button>
      )}
    </div>
  );
}
