/**
 * Form fields wired for assistive technologies: a visible label, an optional
 * hint, an error message in words (never colour alone), and the control
 * pointing at both through aria-describedby, with aria-invalid while the
 * error shows. The markup follows the GOV.UK and DSFR pattern: label, hint,
 * error, then the control.
 */
import type { ReactNode } from "react";
import { frForms } from "../../domain/messages.fr";

/** Attributes the control of a field must carry. */
export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  /** Not `required`: the browser's own bubbles would preempt the form's French error summary. */
  "aria-required"?: true;
}

/** Ids joined for aria-describedby, or undefined when there is none (an empty attribute is invalid). */
function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return list.length > 0 ? list.join(" ") : undefined;
}

function controlProps(
  id: string,
  ids: (string | false | undefined)[],
  error: string | undefined,
  required: boolean,
): ControlProps {
  const props: ControlProps = { id };
  if (required) props["aria-required"] = true;
  const description = describedBy(...ids);
  if (description) props["aria-describedby"] = description;
  if (error) props["aria-invalid"] = true;
  return props;
}

/**
 * The error text, with a sign for readers who do not see red and a hidden
 * "Erreur :" so that a screen reader says what it is (the sign is hidden
 * from it instead).
 */
export function ErrorMessage({ id, message }: { id: string; message: string }) {
  return (
    <p className="field-error" id={id}>
      <span aria-hidden="true">⚠&#xFE0E;&nbsp;</span>
      <span className="visually-hidden">{frForms.errorPrefix}</span>
      {message}
    </p>
  );
}

/** The form's one sentence on which fields are required (RGAA 11.10), at its top. */
export function RequiredNote() {
  return <p className="meta form-required-note">{frForms.requiredNote}</p>;
}

/** Props of Field. */
export interface FieldProps {
  /** Id of the control; the hint and error ids derive from it. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Adds "(facultatif)" to the label. */
  optional?: boolean;
  /** More ids for aria-describedby, e.g. a character counter. */
  describedBy?: string[];
  /** Renders the control with the props it must spread. */
  children: (control: ControlProps) => ReactNode;
  /** Rendered after the control (a counter, a status). */
  after?: ReactNode;
}

/** A labelled text input, textarea or select. */
export function Field({
  id,
  label,
  hint,
  error,
  optional = false,
  describedBy: extra = [],
  children,
  after,
}: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label className="field-label" htmlFor={id}>
        {label}
        {optional && <span className="field-optional"> {frForms.optional}</span>}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && errorId && <ErrorMessage id={errorId} message={error} />}
      {children(controlProps(id, [hintId, errorId, ...extra], error, !optional))}
      {after}
    </div>
  );
}

/** Props of ChoiceGroup. */
export interface ChoiceGroupProps<K extends string> {
  /** Id prefix: the first radio gets `${id}`, the error summary links there. */
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Value → label, in display order. */
  choices: Record<K, string>;
  value: string;
  onChange(value: K): void;
}

/**
 * The fieldset every group of options shares: its legend names the question,
 * then the hint, the error, and one input per choice with its label beside
 * it (the first input takes the group's id, where the error summary links).
 * aria-invalid does not apply to a group, so the error reaches screen
 * readers through the fieldset's description, as in the GOV.UK design system.
 */
function OptionsFieldset({
  id,
  legend,
  hint,
  error,
  choices,
  input,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  choices: Record<string, string>;
  /** The input of one choice, with the id its label points at. */
  input(choice: string, choiceId: string): ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      className={error ? "field field-invalid choice-group" : "field choice-group"}
      aria-describedby={describedBy(hintId, errorId)}
    >
      <legend className="field-label">{legend}</legend>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && errorId && <ErrorMessage id={errorId} message={error} />}
      {Object.entries(choices).map(([choice, label], index) => {
        const choiceId = index === 0 ? id : `${id}-${choice}`;
        return (
          <div className="choice" key={choice}>
            {input(choice, choiceId)}
            <label htmlFor={choiceId}>{label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Radio buttons: one choice of a group. */
export function ChoiceGroup<K extends string>({ name, value, onChange, ...group }: ChoiceGroupProps<K>) {
  return (
    <OptionsFieldset
      {...group}
      input={(choice, choiceId) => (
        <input
          type="radio"
          id={choiceId}
          name={name}
          value={choice}
          checked={value === choice}
          onChange={() => onChange(choice as K)}
        />
      )}
    />
  );
}

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

/** Checkboxes: any number of choices of a group; the ticked values keep the display order. */
export function CheckboxGroup({ name, value, onChange, ...group }: CheckboxGroupProps) {
  const order = Object.keys(group.choices);
  return (
    <OptionsFieldset
      {...group}
      input={(choice, choiceId) => (
        <input
          type="checkbox"
          id={choiceId}
          name={name}
          value={choice}
          checked={value.includes(choice)}
          onChange={(event) => {
            const ticked = event.currentTarget.checked;
            onChange(order.filter((key) => (key === choice ? ticked : value.includes(key))));
          }}
        />
      )}
    />
  );
}

/** Props of CheckboxField. */
export interface CheckboxFieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  checked: boolean;
  onChange(checked: boolean): void;
}

/** One checkbox with its label beside it (a consent). */
export function CheckboxField({ id, label, hint, error, checked, onChange }: CheckboxFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      {error && errorId && <ErrorMessage id={errorId} message={error} />}
      <div className="choice">
        <input
          type="checkbox"
          {...controlProps(id, [hintId, errorId], error, false)}
          checked={checked}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <p className="field-hint choice-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * The honeypot: a field people never see nor reach with the keyboard, that
 * naive bots fill in. Its value is sent as is; the server refuses a
 * non-empty one.
 */
export function Honeypot({ id, value, onChange }: { id: string; value: string; onChange(value: string): void }) {
  return (
    <div className="form-honeypot" aria-hidden="true">
      <label htmlFor={id}>{frForms.fields.honeypot}</label>
      <input
        id={id}
        name="website"
        type="text"
        tabIndex={-1}
        autoComplete="off"
        aria-hidden="true"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </div>
  );
}
