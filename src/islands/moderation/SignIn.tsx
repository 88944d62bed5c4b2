/**
 * The sign-in of the moderation space, in the mode the server asks for:
 * the moderation token printed by the local server ("token"), or an email
 * and password checked by Supabase Auth ("supabase"). Errors follow the
 * forms' pattern: a focused summary linking to the fields, and the message
 * on the field itself.
 */
import { type SubmitEvent, useEffect, useRef, useState } from "react";
import { moderationMessages, signInSchema } from "../../domain/moderation";
import { fieldIssues } from "../../domain/validation";
import { ErrorSummary, type SummaryItem } from "../form-kit/ErrorSummary";
import { Field } from "../form-kit/Field";
import { StatusRegion } from "../form-kit/StatusRegion";
import { adminRequest, describeAdminFailure, sessionInfoSchema, signInResponseSchema } from "./admin-api";
import { frModeration } from "./messages.fr";
import type { StoredSession } from "./session";

const text = frModeration.signIn;
const FORM_ID = "connexion";

/** Which sign-in the server offers (GET /api/admin/session). */
export type SignInMode = "token" | "supabase";

/** Props of SignIn. */
export interface SignInProps {
  mode: SignInMode;
  /** Why the moderator is here again (session expired, signed out, not allowed); it takes focus. */
  notice?: string | undefined;
  onSignedIn(session: StoredSession, moderatorName: string): void;
  /** The server answered that it signs in with the token only (404 on POST). */
  onModeChanged(mode: SignInMode): void;
}

type Values = { token: string; email: string; password: string };
type Errors = Partial<Record<keyof Values | "form", string>>;

/** signInSchema has no French messages of its own: these replace them, by field. */
const signInMessages: Record<string, string> = { email: text.emailInvalid, password: text.passwordRequired };

/** The sign-in form; nothing it holds is stored but the token it obtains. */
export function SignIn({ mode, notice, onSignedIn, onModeChanged }: SignInProps) {
  const [values, setValues] = useState<Values>({ token: "", email: "", password: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [focusKey, setFocusKey] = useState(0);
  const [status, setStatus] = useState("");
  const [failed, setFailed] = useState(false);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const id = (field: keyof Values) => `${FORM_ID}-${field}`;

  useEffect(() => {
    // After a 401 the focus was in the workspace that just disappeared: bring it to the reason.
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const change = (field: keyof Values, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    // A corrected field loses its error at once; others keep theirs until the next try.
    if (errors[field]) setErrors(({ [field]: _fixed, ...rest }) => rest);
  };

  const showErrors = (next: Errors) => {
    setErrors(next);
    setFocusKey((key) => key + 1);
    setStatus("");
    setFailed(false);
  };

  const fail = (message: string) => {
    setStatus(message);
    setFailed(true);
  };

  async function submitToken() {
    const token = values.token.trim();
    if (!token) return showErrors({ token: text.tokenRequired });
    const result = await adminRequest("GET", "/api/admin/session", sessionInfoSchema, { token });
    if (result.kind === "ok" && result.data.moderator) return onSignedIn({ token }, result.data.moderator.name);
    // A 200 without a moderator means the server ignored the token: it is not a valid one.
    if (result.kind === "ok" || result.kind === "unauthorized") return showErrors({ token: text.tokenRejected });
    fail(describeAdminFailure(result, "load"));
  }

  async function submitCredentials() {
    const input = { email: values.email.trim(), password: values.password };
    const parsed = signInSchema.safeParse(input);
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error);
      return showErrors(
        Object.fromEntries(issues.map(({ path }) => [path, signInMessages[path] ?? text.emailInvalid])),
      );
    }
    const result = await adminRequest("POST", "/api/admin/session", signInResponseSchema, { body: parsed.data });
    switch (result.kind) {
      case "ok":
        return onSignedIn(
          { token: result.data.accessToken, expiresAt: result.data.expiresAt },
          result.data.moderator.name,
        );
      case "unauthorized":
        return showErrors({ form: moderationMessages.badCredentials });
      case "invalid": {
        const next: Errors = {};
        for (const issue of result.issues) {
          const field = issue.path === "email" || issue.path === "password" ? issue.path : "form";
          next[field] ??= issue.message;
        }
        return showErrors(Object.keys(next).length > 0 ? next : { form: result.message });
      }
      case "refused":
        if (result.status === 404) {
          // The server signs in with the moderation token: show that form instead.
          onModeChanged("token");
          return fail(moderationMessages.tokenMode);
        }
        return fail(describeAdminFailure(result, "load"));
      default:
        return fail(describeAdminFailure(result, "load"));
    }
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sendingRef.current) return setStatus(text.sending);
    sendingRef.current = true;
    setSending(true);
    setFailed(false);
    setStatus(text.sending);
    try {
      await (mode === "token" ? submitToken() : submitCredentials());
    } finally {
      sendingRef.current = false;
      setSending(false);
      setStatus((current) => (current === text.sending ? "" : current));
    }
  }

  const fields: (keyof Values)[] = mode === "token" ? ["token"] : ["email", "password"];
  const summary: SummaryItem[] = [
    ...(errors.form ? [{ path: "form", message: errors.form, target: id(fields[0] ?? "token") }] : []),
    ...fields.flatMap((field) => {
      const message = errors[field];
      return message ? [{ path: field, message, target: id(field) }] : [];
    }),
  ];

  return (
    <section className="moderation-signin" aria-labelledby={`${FORM_ID}-title`}>
      <h2 id={`${FORM_ID}-title`}>{text.title}</h2>
      {notice && (
        <div className="form-notice" ref={noticeRef} tabIndex={-1}>
          <p>{notice}</p>
        </div>
      )}
      <p>{text.intro}</p>
      <form
        className="contribution-form moderation-form"
        noValidate
        onSubmit={submit}
        aria-labelledby={`${FORM_ID}-title`}
      >
        <ErrorSummary id={`${FORM_ID}-errors`} items={summary} focusKey={focusKey} />
        {mode === "token" ? (
          <Field id={id("token")} label={text.token} hint={text.tokenHint} error={errors.token}>
            {(control) => (
              <input
                {...control}
                type="password"
                name="token"
                autoComplete="off"
                spellCheck={false}
                value={values.token}
                onChange={(event) => change("token", event.currentTarget.value)}
              />
            )}
          </Field>
        ) : (
          <>
            <Field id={id("email")} label={text.email} error={errors.email}>
              {(control) => (
                <input
                  {...control}
                  type="email"
                  name="email"
                  autoComplete="username"
                  spellCheck={false}
                  value={values.email}
                  onChange={(event) => change("email", event.currentTarget.value)}
                />
              )}
            </Field>
            <Field id={id("password")} label={text.password} error={errors.password}>
              {(control) => (
                <input
                  {...control}
                  type="password"
                  name="password"
                  autoComplete="current-password"
                  value={values.password}
                  onChange={(event) => change("password", event.currentTarget.value)}
                />
              )}
            </Field>
          </>
        )}
        <p className="field-hint">{text.sessionNote}</p>
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={sending ? true : undefined}>
            {text.submit}
          </button>
          <StatusRegion
            id={`${FORM_ID}-status`}
            message={status}
            className={failed ? "form-status-failure" : undefined}
          />
        </div>
      </form>
    </section>
  );
}
