/**
 * The moderation space (/moderation/): sign-in, the queues with their
 * decisions, the syntheses and the site rebuild. The token lives in this
 * component (and in sessionStorage for reloads): its parts get a `call`
 * function instead, so that a 401 anywhere brings the moderator back to the
 * sign-in, and a 403 says the account may not moderate.
 *
 * The session line, the sign-out and the rebuild are the moderator's tools:
 * they go into the page header (`toolsTarget`) once the island runs, and
 * stay at the top of the workspace when the page has no such element.
 */
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { moderationMessages } from "../../domain/moderation";
import { StatusRegion } from "../form-kit/StatusRegion";
import {
  type AdminCall,
  adminRequest,
  describeAdminFailure,
  rebuildResponseSchema,
  sessionInfoSchema,
} from "./admin-api";
import { AdminCallContext } from "./CodingPanel";
import { ErasureSection } from "./ErasureSection";
import { FieldContributionSection } from "./FieldContributionSection";
import { JournalSection } from "./JournalSection";
import { frModeration } from "./messages.fr";
import { OtherTextsSection } from "./OtherTextsSection";
import { QueueSection } from "./QueueSection";
import { ResponsesSection } from "./ResponsesSection";
import { SignIn, type SignInMode } from "./SignIn";
import { SynthesisSection } from "./SynthesisSection";
import { clearSession, readSession, type StoredSession, writeSession } from "./session";

const text = frModeration;

/** Where the moderator stands. */
type Gate =
  | { step: "checking" }
  | { step: "unreachable"; message: string }
  | { step: "sign-in"; mode: SignInMode; notice?: string | undefined }
  | { step: "signed-in"; mode: SignInMode };

/** Props of ModerationApp: where to put its tools; everything else comes from the admin API. */
export interface ModerationAppProps {
  /** Id of the element of the page header that takes the session and rebuild controls. */
  toolsTarget?: string;
}

/** The moderation island. */
export default function ModerationApp({ toolsTarget }: ModerationAppProps) {
  const [gate, setGate] = useState<Gate>({ step: "checking" });
  const [moderatorName, setModeratorName] = useState("");
  // The workspace stays mounted, hidden, while the moderator signs in again after a 401:
  // a reason or a synthesis being typed is still there afterwards.
  const [workspace, setWorkspace] = useState<{ mounted: boolean; key: number }>({ mounted: false, key: 0 });
  const [checks, setChecks] = useState(0);
  const [focusSession, setFocusSession] = useState(0);
  const tokenRef = useRef<string | undefined>(undefined);
  const modeRef = useRef<SignInMode>("token");
  const sessionRef = useRef<HTMLParagraphElement>(null);
  // Looked up after hydration: the server-rendered HTML has no tools, so both renders agree.
  const [toolsHost, setToolsHost] = useState<HTMLElement | null>(null);

  useEffect(() => {
    setToolsHost(toolsTarget ? document.getElementById(toolsTarget) : null);
  }, [toolsTarget]);

  // On load: the session this tab kept, if the server still takes it; otherwise the sign-in it offers.
  useEffect(() => {
    void checks;
    let current = true;
    const start = async () => {
      const stored = readSession();
      if (stored) {
        const result = await adminRequest("GET", "/api/admin/session", sessionInfoSchema, { token: stored.token });
        if (!current) return;
        if (result.kind === "ok" && result.data.moderator) {
          tokenRef.current = stored.token;
          modeRef.current = result.data.mode;
          setModeratorName(result.data.moderator.name);
          setWorkspace((previous) => ({ ...previous, mounted: true }));
          return setGate({ step: "signed-in", mode: result.data.mode });
        }
        // A network failure keeps the stored session: it may work once the server answers again.
        if (result.kind !== "ok" && result.kind !== "unauthorized" && result.kind !== "forbidden") {
          return setGate({ step: "unreachable", message: describeAdminFailure(result, "load") });
        }
        clearSession();
      }
      const info = await adminRequest("GET", "/api/admin/session", sessionInfoSchema);
      if (!current) return;
      if (info.kind !== "ok") return setGate({ step: "unreachable", message: describeAdminFailure(info, "load") });
      modeRef.current = info.data.mode;
      setGate({ step: "sign-in", mode: info.data.mode, notice: stored ? text.signIn.expiredOnLoad : undefined });
    };
    void start();
    return () => {
      current = false;
    };
  }, [checks]);

  useEffect(() => {
    if (focusSession > 0) sessionRef.current?.focus();
  }, [focusSession]);

  const endSession = useCallback((notice: string, keepWorkspace: boolean) => {
    tokenRef.current = undefined;
    clearSession();
    if (!keepWorkspace) setWorkspace((previous) => ({ mounted: false, key: previous.key + 1 }));
    setGate({ step: "sign-in", mode: modeRef.current, notice });
  }, []);

  const call = useMemo<AdminCall>(
    () => async (method, path, schema, body) => {
      const token = tokenRef.current;
      const result = await adminRequest(method, path, schema, { token, body });
      // An answer to a session that has already ended changes nothing.
      if (token !== undefined && token === tokenRef.current) {
        if (result.kind === "unauthorized") endSession(text.signIn.expired, true);
        if (result.kind === "forbidden") endSession(result.message ?? moderationMessages.forbidden, false);
      }
      return result;
    },
    [endSession],
  );

  const signedIn = (session: StoredSession, name: string) => {
    writeSession(session);
    tokenRef.current = session.token;
    setModeratorName(name);
    setWorkspace((previous) => ({ ...previous, mounted: true }));
    setGate({ step: "signed-in", mode: modeRef.current });
    setFocusSession((value) => value + 1);
  };

  const changeMode = (mode: SignInMode) => {
    modeRef.current = mode;
    setGate({ step: "sign-in", mode, notice: moderationMessages.tokenMode });
  };

  // Hidden with the workspace while the moderator signs in again, so that a rebuild status survives too.
  const tools: ReactNode = workspace.mounted ? (
    <div key={workspace.key} className="mod-toolbar" hidden={gate.step !== "signed-in"}>
      <div className="mod-session">
        <p ref={sessionRef} tabIndex={-1}>
          {text.session.signedInAs(moderatorName)}
        </p>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => endSession(text.signIn.signedOut, false)}
        >
          {text.session.signOut}
        </button>
      </div>
      <RebuildControl call={call} />
    </div>
  ) : null;

  return (
    <div className="moderation-app">
      {gate.step === "checking" ? <p className="meta">{text.loadingApp}</p> : null}
      {gate.step === "unreachable" ? (
        <div className="form-notice form-notice-warning">
          <p>
            {text.unreachable} {gate.message}
          </p>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setGate({ step: "checking" });
              setChecks((value) => value + 1);
            }}
          >
            {text.retryLoad}
          </button>
        </div>
      ) : null}
      {gate.step === "sign-in" ? (
        <SignIn
          key={gate.mode}
          mode={gate.mode}
          notice={gate.notice}
          onSignedIn={signedIn}
          onModeChanged={changeMode}
        />
      ) : null}
      {workspace.mounted ? (
        <div key={workspace.key} className="moderation-workspace" hidden={gate.step !== "signed-in"}>
          {toolsHost ? null : tools}
          {/* The cards' coding panels call the API through this context. */}
          <AdminCallContext value={call}>
            <QueueSection call={call} />
          </AdminCallContext>
          <OtherTextsSection call={call} />
          <FieldContributionSection call={call} />
          <SynthesisSection call={call} />
          <JournalSection call={call} token={() => tokenRef.current} />
          <ResponsesSection call={call} />
          <ErasureSection call={call} />
        </div>
      ) : null}
      {toolsHost && tools ? createPortal(tools, toolsHost) : null}
    </div>
  );
}

/** « Mettre à jour le site maintenant »: asks for a rebuild of the public pages and says what the server answered. */
function RebuildControl({ call }: { call: AdminCall }) {
  const [status, setStatus] = useState("");
  const [failed, setFailed] = useState(false);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);

  async function rebuild() {
    if (sendingRef.current) return setStatus(text.rebuild.sending);
    sendingRef.current = true;
    setSending(true);
    setFailed(false);
    setStatus(text.rebuild.sending);
    const result = await call("POST", "/api/admin/rebuild", rebuildResponseSchema);
    sendingRef.current = false;
    setSending(false);
    if (result.kind === "ok") return setStatus(result.data.rebuild.message);
    setFailed(true);
    setStatus(describeAdminFailure(result, "load"));
  }

  return (
    <div className="mod-rebuild">
      <button
        type="button"
        className="button button-secondary button-small"
        aria-disabled={sending ? true : undefined}
        onClick={rebuild}
      >
        {text.rebuild.button}
      </button>
      <StatusRegion
        id="moderation-rebuild-status"
        message={status}
        className={failed ? "form-status-failure" : undefined}
      />
    </div>
  );
}
