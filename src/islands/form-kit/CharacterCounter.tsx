/**
 * A character counter for a long text. The visible count changes on every
 * keystroke; what screen readers hear changes only when a threshold is
 * crossed (minimum reached, 200/100/50/20 left, limit reached, over), so
 * they are not interrupted at each letter.
 */
import { useEffect, useRef, useState } from "react";
import { frForms } from "../../domain/messages.fr";
import { typedLength } from "../../domain/text";

const REMAINING_STEPS = [200, 100, 50, 20] as const;

/** Which stretch of the allowed length the text is in; an announcement is due when it changes. */
function band(length: number, min: number, max: number): string {
  if (length > max) return "over";
  if (length === max) return "full";
  if (length < min) return "short";
  const left = max - length;
  const step = REMAINING_STEPS.filter((threshold) => left <= threshold).at(-1);
  return step === undefined ? "ok" : `left-${step}`;
}

function announcement(current: string, previous: string, length: number, min: number, max: number): string {
  const text = frForms.counter;
  if (current === "over") return text.over(length - max);
  if (current === "full") return text.full;
  if (current === "short") return previous === "short" ? "" : text.belowMin(min - length);
  if (current === "ok") return previous === "short" ? text.minReached : "";
  return text.remaining(max - length);
}

/**
 * The length the schema checks: code points of the trimmed NFC text, as the
 * database counts them ("😀" is one character, not two). The textareas carry
 * no maxlength attribute, which browsers count in UTF-16 units: the counter
 * and the schema's message say when a text is too long.
 */
export function countedLength(value: string): number {
  return typedLength(value);
}

/** Props of CharacterCounter; min and max are the schema's. */
export interface CharacterCounterProps {
  /** Id of the visible count, for the textarea's aria-describedby. */
  id: string;
  value: string;
  min: number;
  max: number;
}

/** The visible count, and the polite live region for the thresholds. */
export function CharacterCounter({ id, value, min, max }: CharacterCounterProps) {
  const length = countedLength(value);
  const current = band(length, min, max);
  const previous = useRef(current);
  const [spoken, setSpoken] = useState("");

  useEffect(() => {
    if (current === previous.current) return;
    setSpoken(announcement(current, previous.current, length, min, max));
    previous.current = current;
  }, [current, length, min, max]);

  const state = current === "over" ? "counter counter-over" : current === "short" ? "counter counter-short" : "counter";
  return (
    <>
      <p className={state} id={id}>
        {frForms.counter.status(length, max)}
        {length < min && <span> ({frForms.counter.minimum(min)})</span>}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {spoken}
      </p>
    </>
  );
}
