/**
 * « Effacer les données d'une personne »: someone wrote to the mission and
 * asks that their e-mail address be forgotten. The moderator types the
 * address, sees what it was given with (contributions and initiatives, by
 * pseudonym and state), then erases it after a confirmation. The texts and
 * the counts stay; the log names the moderator, never the address.
 */
import { type FormEvent, useId, useRef, useState } from "react";
import { erasureDoneSchema, erasurePreviewSchema, type LinkedContact } from "../../domain/erasure";
import { formatInstant } from "../../domain/format";
import { Field } from "../form-kit/Field";
import { StatusRegion } from "../form-kit/StatusRegion";
import { type AdminCall, describeAdminFailure } from "./admin-api";

export const erasureText = {
  title: "Effacer les données d'une personne",
  intro:
    "Quand une personne demande que son adresse électronique soit oubliée : recherchez-la, vérifiez à quoi elle est liée, puis effacez-la. L'adresse et les messages qui lui étaient destinés sont supprimés ; les textes publiés, qui n'en contiennent pas, et les décomptes restent. Le journal garde votre nom, pas l'adresse.",
  email: "Adresse électronique de la personne",
  search: "Rechercher",
  searching: "Recherche…",
  none: "Aucune contribution ni initiative n'est liée à cette adresse.",
  found: (n: number) => (n === 1 ? "Cette adresse est liée à 1 envoi :" : `Cette adresse est liée à ${n} envois :`),
  confirm: (n: number) => `Effacer l'adresse (${n === 1 ? "1 envoi" : `${n} envois`}) — cette action est définitive`,
  erasing: "Effacement…",
  erased: (n: number) =>
    n === 0
      ? "Rien à effacer : l'adresse n'était plus enregistrée."
      : `Adresse effacée (${n === 1 ? "1 envoi" : `${n} envois`}) ; l'effacement est inscrit au journal.`,
  kind: { contribution: "Contribution", initiative: "Initiative" },
  state: { pending: "en attente", published: "publiée", rejected: "rejetée" },
} as const;

type Phase =
  | { kind: "idle" }
  | { kind: "searching" }
  | { kind: "found"; email: string; contacts: LinkedContact[] }
  | { kind: "erasing"; email: string; contacts: LinkedContact[] };

export function ErasureSection({ call }: { call: AdminCall }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [status, setStatus] = useState("");
  const input = useRef<HTMLInputElement>(null);

  async function search(event: FormEvent) {
    event.preventDefault();
    if (phase.kind === "searching" || phase.kind === "erasing") return;
    setError(undefined);
    setStatus(erasureText.searching);
    setPhase({ kind: "searching" });
    const result = await call("POST", "/api/admin/erasure", erasurePreviewSchema, { email, action: "preview" });
    if (result.kind === "ok") {
      setPhase({ kind: "found", email, contacts: result.data.contacts });
      setStatus(result.data.contacts.length === 0 ? erasureText.none : erasureText.found(result.data.contacts.length));
      return;
    }
    setPhase({ kind: "idle" });
    setStatus("");
    setError(
      result.kind === "invalid"
        ? (result.issues.find((issue) => issue.path === "email")?.message ?? result.message)
        : describeAdminFailure(result, "load"),
    );
    input.current?.focus();
  }

  async function erase() {
    if (phase.kind !== "found") return;
    setPhase({ ...phase, kind: "erasing" });
    setStatus(erasureText.erasing);
    const result = await call("POST", "/api/admin/erasure", erasureDoneSchema, { email: phase.email, action: "erase" });
    if (result.kind === "ok") {
      setPhase({ kind: "idle" });
      setEmail("");
      setStatus(erasureText.erased(result.data.erased));
      input.current?.focus();
      return;
    }
    // The address stays typed and the list shown: the moderator retries with one click.
    setPhase({ ...phase, kind: "found" });
    setStatus(describeAdminFailure(result, "save"));
  }

  const busy = phase.kind === "searching" || phase.kind === "erasing";
  return (
    <section className="mod-erasure">
      <h2>{erasureText.title}</h2>
      <p className="prose">{erasureText.intro}</p>
      <form onSubmit={(event) => void search(event)} noValidate>
        <Field id={`${id}-email`} label={erasureText.email} error={error}>
          {(props) => (
            <input
              {...props}
              ref={input}
              type="email"
              autoComplete="off"
              value={email}
              onChange={(event) => {
                setEmail(event.target.value);
                if (phase.kind === "found") setPhase({ kind: "idle" });
              }}
            />
          )}
        </Field>
        <button type="submit" className="button button-secondary" aria-disabled={busy ? true : undefined}>
          {phase.kind === "searching" ? erasureText.searching : erasureText.search}
        </button>
      </form>
      <StatusRegion message={status} />
      {(phase.kind === "found" || phase.kind === "erasing") && phase.contacts.length > 0 ? (
        <>
          <ul className="mod-erasure-list">
            {phase.contacts.map((contact) => (
              <li key={contact.id}>
                {erasureText.kind[contact.subjectType]} de {contact.pseudonym}, {erasureText.state[contact.status]},
                envoyée le {formatInstant(new Date(contact.createdAt))}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button"
            aria-disabled={phase.kind === "erasing" ? true : undefined}
            onClick={() => void erase()}
          >
            {phase.kind === "erasing" ? erasureText.erasing : erasureText.confirm(phase.contacts.length)}
          </button>
        </>
      ) : null}
    </section>
  );
}
