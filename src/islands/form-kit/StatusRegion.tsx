/**
 * A polite live region: screen readers say its new text when they are done
 * with what they were saying. It is rendered empty from the start, because a
 * region that appears together with its text is often not announced.
 */
import { useCallback, useEffect, useRef, useState } from "react";

/** A paragraph with role="status" and aria-live="polite", hidden by CSS while empty. */
export function StatusRegion({
  id,
  message,
  className,
}: {
  id?: string | undefined;
  message: string;
  className?: string | undefined;
}) {
  return (
    <p id={id} className={className ? `form-status ${className}` : "form-status"} role="status" aria-live="polite">
      {message}
    </p>
  );
}

/** Delay between emptying a live region and filling it again, long enough for screen readers to notice. */
const REPEAT_DELAY_MS = 100;

/**
 * The text of a live region, and a function to change it that also works
 * for the same sentence twice in a row (a second refused vote, a second
 * click while sending): a live region only speaks when its text changes, so
 * a repeat empties it first and refills it a moment later.
 */
export function useAnnouncement(): [string, (message: string) => void] {
  const [message, setMessage] = useState("");
  const messageRef = useRef(message);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const announce = useCallback((next: string) => {
    clearTimeout(timer.current);
    if (next !== "" && next === messageRef.current) {
      setMessage("");
      timer.current = setTimeout(() => setMessage(next), REPEAT_DELAY_MS);
    } else {
      setMessage(next);
    }
    messageRef.current = next;
  }, []);
  return [message, announce];
}
