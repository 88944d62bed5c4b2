/**
 * The life of a form, shared by every island that sends something: values
 * kept as a draft, validation with the server's own zod schema, server
 * issues shown exactly like local ones, one send at a time, and a retry that
 * reuses the idempotency key.
 *
 * Errors appear on submit only, all at once with the error summary, never
 * when a field is left: a message inserted on blur pushes down everything
 * below it, the submit button included, and the press that caused the blur
 * then lands beside the button (35 px lower on a computer, 61 to 87 px on a
 * phone). Once shown, an error
 * follows the citizen's typing and goes as soon as the field is right, so
 * that corrections are confirmed at once (the GOV.UK pattern: validate on
 * submit, not on blur).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type * as z from "zod/mini";
import { frForms } from "../../domain/messages.fr";
import { type FieldIssue, fieldIssues } from "../../domain/validation";
import { type ApiResult, isRetryable, postJson } from "./api";
import { describeFailure } from "./outcome";
import { useAnnouncement } from "./StatusRegion";
import { type DraftValues, useDraft } from "./useDraft";

/** editing → sending → sent, or → failed (then editing again on the next change or retry). */
export type Phase = "editing" | "sending" | "failed" | "sent";

/** What a form tells useSubmitForm about itself. */
export interface SubmitFormOptions<V extends DraftValues> {
  /** Prefix of every element id of the form; unique on the page. */
  formId: string;
  initial: V;
  /** The API route the payload is POSTed to. */
  endpoint: string;
  /** The schema the server validates the payload with (src/domain/contribution.schema.ts). */
  schema: z.ZodMiniType;
  /** The payload the schema and the server expect, from the form's values. */
  toPayload(values: V): unknown;
  /** Schema paths in the order their fields appear, for the error summary. */
  fieldOrder: readonly string[];
  /**
   * localStorage key of the draft. With a key, the draft and an idempotency
   * key are kept until a 2xx; without one, the values live in memory only.
   */
  draftKey?: string | undefined;
  /** Issues the schema cannot report yet (see consentIssues in author.ts); only for paths it left clean. */
  extraIssues?: ((values: V) => FieldIssue[]) | undefined;
}

interface FieldError {
  message: string;
  /** Server issues stay until their own field changes: the browser cannot re-check them. */
  source: "local" | "server";
}

/** Everything a form's markup needs from useSubmitForm. */
export interface FormController<V extends DraftValues> {
  values: V;
  phase: Phase;
  /** False until the island has hydrated: the submit button stays disabled so nothing is sent without the script. */
  hydrated: boolean;
  /** The id of the control for a schema path. */
  fieldId(path: string): string;
  errorFor(path: string): string | undefined;
  /** A change by the citizen; clears or updates errors already shown, never adds one (errors come on submit). */
  setField(path: keyof V & string, value: string | boolean): void;
  /** The latest values, also between a change and the next render. */
  getValues(): V;
  /** Validates everything, then sends; a second call while sending only repeats "Envoi en cours…". */
  submit(event?: { preventDefault(): void }): void;
  /** Current errors, in the order of the fields. */
  issues: FieldIssue[];
  /** Incremented on every failed submit: the error summary takes focus when it changes. */
  summaryFocusKey: number;
  /** The error summary shows after a failed submit, until no error is left. */
  summaryVisible: boolean;
  /** Text of the form's status region ("Envoi en cours…", what went wrong). */
  notice: string;
  /** After a failure worth retrying: show "Réessayer". */
  canRetry: boolean;
  /** Body of the 2xx answer, once sent. */
  response: unknown;
  draft: { restoredAt: Date | undefined; persistent: boolean; discard(): void };
  /** Back to an empty form after a success, for another contribution. */
  startOver(): void;
  /**
   * After a success, sends the same request again with the same idempotency key (the server
   * answers it as a replay, writing nothing) and keeps its body: for a 2xx whose body was
   * unreadable, so that its receipt can still be shown. Optional: a form with a controller of
   * its own has nothing to replay.
   */
  resendSent?: (() => Promise<ApiResult<unknown>>) | undefined;
}

/** Runs a form: see FormController. */
export function useSubmitForm<V extends DraftValues>(options: SubmitFormOptions<V>): FormController<V> {
  // Handlers read the latest options through a ref, so the forms can pass
  // closures over their own state (the commune lookup) without re-creating them.
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const draft = useDraft(options.draftKey, options.initial);
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const errorsRef = useRef(errors);
  errorsRef.current = errors;
  const [phase, setPhase] = useState<Phase>("editing");
  const [notice, setNotice] = useAnnouncement();
  const [canRetry, setCanRetry] = useState(false);
  const [summaryFocusKey, setSummaryFocusKey] = useState(0);
  const [summaryVisible, setSummaryVisible] = useState(false);
  const [response, setResponse] = useState<unknown>(undefined);
  const [hydrated, setHydrated] = useState(false);
  // A ref, not state: two clicks in the same frame both see the first one.
  const sendingRef = useRef(false);
  // The last successful send, kept in memory only (never stored): resendSent replays it.
  const sentRef = useRef<{ payload: unknown; idempotencyKey: string | undefined } | undefined>(undefined);

  useEffect(() => setHydrated(true), []);

  const validate = useCallback((values: V): FieldIssue[] => {
    const { schema, toPayload, extraIssues } = optionsRef.current;
    const result = schema.safeParse(toPayload(values));
    const issues = result.success ? [] : fieldIssues(result.error);
    for (const extra of extraIssues?.(values) ?? []) {
      if (!issues.some((issue) => issue.path === extra.path)) issues.push(extra);
    }
    return issues;
  }, []);

  const showIssues = useCallback((issues: FieldIssue[], source: FieldError["source"]) => {
    setErrors(Object.fromEntries(issues.map(({ path, message }) => [path, { message, source }])));
    setSummaryVisible(true);
    setSummaryFocusKey((key) => key + 1);
  }, []);

  const setField = useCallback(
    (path: string, value: string | boolean) => {
      draft.change({ [path]: value } as Partial<V>);
      if (Object.keys(errorsRef.current).length === 0) return;
      const issues = validate(draft.current());
      setErrors((previous) => {
        const next: Record<string, FieldError> = {};
        for (const [errorPath, error] of Object.entries(previous)) {
          if (error.source === "server" && errorPath !== path) {
            next[errorPath] = error;
            continue;
          }
          const issue = issues.find((candidate) => candidate.path === errorPath);
          if (issue) next[errorPath] = { message: issue.message, source: "local" };
        }
        return next;
      });
    },
    [draft, validate],
  );

  const send = useCallback(
    async (values: V) => {
      const { endpoint, toPayload, draftKey } = optionsRef.current;
      sendingRef.current = true;
      setPhase("sending");
      setCanRetry(false);
      setNotice(frForms.sending);
      // Stored before the request leaves: if the tab dies mid-flight, the
      // reloaded draft retries with this key and cannot create a duplicate.
      const idempotencyKey = draftKey ? draft.ensureKey() : undefined;
      const payload = toPayload(values);
      const result = await postJson(endpoint, payload, { idempotencyKey });
      sendingRef.current = false;
      if (result.kind === "ok") {
        sentRef.current = { payload, idempotencyKey };
        draft.clear();
        setErrors({});
        setSummaryVisible(false);
        setResponse(result.data);
        setNotice("");
        setPhase("sent");
        return;
      }
      const retryable = isRetryable(result);
      // Only an answer proving nothing was written frees the key; after a
      // timeout or a 5xx the row may exist, and the same key finds it again.
      if (!retryable) draft.dropKey();
      if (result.kind === "invalid") {
        showIssues(result.issues, "server");
        setNotice("");
        setPhase("editing");
        return;
      }
      setCanRetry(retryable);
      setNotice(describeFailure(result, draftKey !== undefined));
      setPhase("failed");
    },
    [draft, showIssues, setNotice],
  );

  const submit = useCallback(
    (event?: { preventDefault(): void }) => {
      event?.preventDefault();
      if (sendingRef.current) {
        setNotice(frForms.sending);
        return;
      }
      const values = draft.current();
      const issues = validate(values);
      if (issues.length > 0) {
        showIssues(issues, "local");
        setCanRetry(false);
        setNotice("");
        setPhase("editing");
        return;
      }
      void send(values);
    },
    [draft, validate, showIssues, send, setNotice],
  );

  const resendSent = useCallback(async (): Promise<ApiResult<unknown>> => {
    const sent = sentRef.current;
    // Without a key the server cannot tell a replay from a new send: nothing is sent again.
    if (!sent?.idempotencyKey) return { kind: "ok", status: 200, data: undefined };
    const result = await postJson(optionsRef.current.endpoint, sent.payload, { idempotencyKey: sent.idempotencyKey });
    if (result.kind === "ok" && result.data !== undefined) setResponse(result.data);
    return result;
  }, []);

  const startOver = useCallback(() => {
    sentRef.current = undefined;
    draft.clear();
    setResponse(undefined);
    setNotice("");
    setPhase("editing");
  }, [draft, setNotice]);

  const discard = useCallback(() => {
    draft.clear();
    setErrors({});
    setSummaryVisible(false);
    setCanRetry(false);
    setNotice("");
    setPhase("editing");
  }, [draft, setNotice]);

  const order = options.fieldOrder;
  const rank = (path: string) => (order.includes(path) ? order.indexOf(path) : order.length);
  const issues = Object.entries(errors)
    .map(([path, { message }]) => ({ path, message }))
    .sort((a, b) => rank(a.path) - rank(b.path));

  return {
    values: draft.values,
    phase,
    hydrated,
    fieldId: (path) => `${options.formId}-${path}`,
    errorFor: (path) => errors[path]?.message,
    setField,
    getValues: draft.current,
    submit,
    issues,
    summaryFocusKey,
    summaryVisible: summaryVisible && issues.length > 0,
    notice,
    canRetry,
    response,
    draft: { restoredAt: draft.restoredAt, persistent: draft.persistent, discard },
    startOver,
    resendSent,
  };
}
