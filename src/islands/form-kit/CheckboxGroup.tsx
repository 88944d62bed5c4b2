/**
 * Checkboxes in a fieldset whose legend names the question: the multiple
 * choice's counterpart of ChoiceGroup (Field.tsx), with the same markup,
 * hint and error wiring.
 */
import type { ReactNode } from "react";
import { ErrorMessage } from "./Field";

/** Props of CheckboxGroup. */
export interface CheckboxGroupProps {
  /** Id prefix: the first checkbox gets `${id}`, the error summary links there. */
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Value → label, in display order. */
  choices: Record<string, string>;
  /** The ticked values. */
  value: readonly string[];
  onChange(value: string[]): void;
}

/** A group of checkboxes; the ticked values keep the display order. */
export function CheckboxGroup({ id, name, legend, hint, error, choices, value, onChange }: CheckboxGroupProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const entries = Object.entries(choices);
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      className={error ? "field field-invalid choice-group" : "field choice-group"}
      aria-describedby={describedBy}
    >
      <legend className="field-label">{legend}</legend>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && errorId && <ErrorMessage id={errorId} message={error} />}
      {entries.map(([choice, label], index) => {
        const choiceId = index === 0 ? id : `${id}-${choice}`;
        return (
          <div className="choice" key={choice}>
            <input
              type="checkbox"
              id={choiceId}
              name={name}
              value={choice}
              checked={value.includes(choice)}
              onChange={(event) => {
                const ticked = event.currentTarget.checked;
                onChange(entries.map(([key]) => key).filter((key) => (key === choice ? ticked : value.includes(key))));
              }}
            />
            <label htmlFor={choiceId}>{label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
