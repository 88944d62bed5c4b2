/**
 * /desinscription/: the page the link at the foot of every message opens.
 * The link carries the contact and its token in the fragment (#c=…&t=…),
 * which no server and no link scanner sees; nothing happens until the
 * person presses the button, so a mail filter that opens links does not
 * unsubscribe anyone.
 */
import { useEffect, useState } from "react";
import { asErrorBody, exchangeJson } from "./form-kit/api";
import { StatusRegion } from "./form-kit/StatusRegion";

export const unsubscribeText = {
  intro:
    "Vous avez laissé votre adresse électronique avec une contribution et accepté d'être recontacté à son sujet. Vous pouvez ne plus recevoir aucun message de la consultation pour cette contribution.",
  button: "Ne plus recevoir de message",
  sending: "Envoi en cours…",
  done: "C'est fait : vous ne recevrez plus de message de la consultation au sujet de cette contribution. Votre contribution, elle, reste telle quelle.",
  incomplete:
    "Ce lien de désinscription est incomplet : ouvrez le lien du message en entier (ou copiez-le depuis le message, jusqu'au bout).",
  network:
    "La désinscription n'a pas pu être envoyée (connexion interrompue ou serveur indisponible). Réessayez dans un instant.",
  failed: "La désinscription n'a pas abouti. Réessayez dans un instant.",
} as const;

type State =
  | { kind: "ready"; c: string; t: string }
  | { kind: "incomplete" }
  | { kind: "sending"; c: string; t: string }
  | { kind: "done" }
  | { kind: "failed"; c: string; t: string; message: string }
  | { kind: "gone"; message: string };

/** The contact and token of the page's fragment, if both are there and well formed. */
export function readFragment(hash: string): { c: string; t: string } | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const c = params.get("c") ?? "";
  const t = params.get("t") ?? "";
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return uuid.test(c) && /^[0-9a-f]{64}$/.test(t) ? { c, t } : undefined;
}

export default function UnsubscribeForm() {
  const [state, setState] = useState<State | undefined>(undefined);
  useEffect(() => {
    const link = readFragment(window.location.hash);
    setState(link ? { kind: "ready", ...link } : { kind: "incomplete" });
  }, []);

  async function send(link: { c: string; t: string }) {
    setState({ kind: "sending", ...link });
    const query = new URLSearchParams(link).toString();
    const exchange = await exchangeJson(`/api/desinscription?${query}`, {
      method: "POST",
      headers: { Accept: "application/json" },
    });
    if (exchange.kind !== "answered") {
      setState({ kind: "failed", ...link, message: unsubscribeText.network });
      return;
    }
    const { status } = exchange.response;
    if (status === 200) setState({ kind: "done" });
    else if (status === 404)
      setState({ kind: "gone", message: asErrorBody(exchange.data)?.message ?? unsubscribeText.failed });
    else if (status === 400) setState({ kind: "incomplete" });
    else setState({ kind: "failed", ...link, message: unsubscribeText.failed });
  }

  const status =
    state?.kind === "done"
      ? unsubscribeText.done
      : state?.kind === "incomplete"
        ? unsubscribeText.incomplete
        : state?.kind === "failed" || state?.kind === "gone"
          ? state.message
          : state?.kind === "sending"
            ? unsubscribeText.sending
            : "";
  const link = state && "c" in state ? { c: state.c, t: state.t } : undefined;
  return (
    <div className="unsubscribe">
      <p>{unsubscribeText.intro}</p>
      {link && (
        <button
          type="button"
          className="button"
          aria-disabled={state?.kind === "sending"}
          onClick={() => {
            if (state?.kind !== "sending") void send(link);
          }}
        >
          {unsubscribeText.button}
        </button>
      )}
      <StatusRegion message={status} />
    </div>
  );
}
