/**
 * The list of every error at the top of a form after a failed submit, each
 * a link to its field, as in the GOV.UK and DSFR design systems. It takes
 * focus so that a screen reader reads it at once and a keyboard user starts
 * from it.
 */
import { type MouseEvent, useEffect, useRef } from "react";
import { frForms } from "../../domain/messages.fr";

/** One line of the summary: an error and the field it is about. */
export interface SummaryItem {
  path: string;
  message: string;
  /** Id of the control to go to; without one the message shows as plain text (e.g. an error about the whole form). */
  target?: string | undefined;
}

/** Props of ErrorSummary. */
export interface ErrorSummaryProps {
  /** Id of the summary; its title is `${id}-title`. */
  id: string;
  items: SummaryItem[];
  /** Changes on every failed submit; the summary then takes focus. */
  focusKey: number;
}

/** Focuses the control itself: following "#id" alone scrolls but leaves the focus where it was. */
function goToField(event: MouseEvent<HTMLAnchorElement>, target: string) {
  const control = document.getElementById(target);
  if (!control) return;
  event.preventDefault();
  // Bring the label into view with the control, not the control alone.
  control.closest(".field")?.scrollIntoView?.({ block: "start" });
  control.focus({ preventScroll: true });
}

/** The error summary; renders nothing when there is no error. */
export function ErrorSummary({ id, items, focusKey }: ErrorSummaryProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  if (items.length === 0) return null;
  return (
    <section className="error-summary" id={id} ref={ref} tabIndex={-1} aria-labelledby={`${id}-title`}>
      <h2 className="error-summary-title" id={`${id}-title`}>
        {frForms.summaryTitle(items.length)}
      </h2>
      <ul>
        {items.map((item) => (
          <li key={item.path}>
            {item.target ? (
              <a href={`#${item.target}`} onClick={(event) => goToField(event, item.target ?? "")}>
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
