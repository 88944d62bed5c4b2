/**
 * The three kinds of message a contributor may receive, in French, plain
 * text: what happened, the link to see it, and how to stop. No text of the
 * contribution is repeated: the message may sit in a shared mailbox.
 */
import { consultation, findTheme } from "../../domain/consultation";
import { formatInstant } from "../../domain/format";
import type { OutboxMessage } from "../store/store";
import { unsubscribePageUrl } from "./unsubscribe";

export interface RenderedMail {
  subject: string;
  text: string;
}

/** The public address of what the message is about, when it has one. */
export function subjectUrl(message: OutboxMessage, siteUrl: string): string | undefined {
  const subject = message.subject;
  if (!subject) return undefined;
  if (subject.type === "initiative") return new URL(`/initiatives/${message.subject_ref}/`, siteUrl).href;
  if (!subject.is_reply) return new URL(`/contributions/${message.subject_ref}/`, siteUrl).href;
  return subject.answer_id
    ? new URL(`/contributions/${subject.answer_id}/#reponse-${message.subject_ref}`, siteUrl).href
    : undefined;
}

function what(message: OutboxMessage): string {
  const subject = message.subject;
  if (subject?.type === "initiative") return `l'initiative « ${subject.name} » que vous avez fait connaître`;
  const date = subject ? ` du ${formatInstant(new Date(subject.created_at))}` : "";
  const theme = subject?.type === "contribution" ? findTheme(subject.theme_id)?.title : undefined;
  const noun = subject?.type === "contribution" && subject.is_reply ? "votre réponse" : "votre contribution";
  return `${noun}${date}${theme ? ` (thème « ${theme} »)` : ""}`;
}

export function renderMail(
  message: OutboxMessage,
  options: { siteUrl: string; hashSalt: string },
): RenderedMail | undefined {
  const name = consultation.shortName;
  const url = subjectUrl(message, options.siteUrl);
  const unsubscribe = unsubscribePageUrl(options.siteUrl, options.hashSalt, message.contact_id);
  const footer = [
    "",
    "—",
    `Vous recevez ce message parce que vous avez laissé votre adresse et accepté d'être recontacté au sujet de votre contribution à « ${name} ».`,
    `Pour ne plus recevoir de message : ${unsubscribe}`,
  ];
  const subjectOf = what(message);
  switch (message.kind) {
    case "published":
      return {
        subject: `${name} : ${subjectOf.startsWith("l'") ? "votre initiative" : "votre contribution"} est publiée`,
        text: [
          "Bonjour,",
          "",
          `L'équipe de la consultation a publié ${subjectOf}.`,
          url ? `Vous pouvez la lire, la partager ou y répondre ici : ${url}` : "",
          ...footer,
        ].join("\n"),
      };
    case "rejected":
      return {
        subject: `${name} : ${subjectOf.startsWith("l'") ? "votre initiative" : "votre contribution"} n'a pas été publiée`,
        text: [
          "Bonjour,",
          "",
          `L'équipe de la consultation n'a pas publié ${subjectOf}.`,
          `Raison indiquée : ${message.details.reason ?? "non précisée"}.`,
          "Vous pouvez envoyer une nouvelle contribution qui tient compte de cette raison tant que la consultation est ouverte.",
          ...footer,
        ].join("\n"),
      };
    case "response": {
      const status = consultation.responseStatuses.find((entry) => entry.id === message.details.status);
      return {
        subject: `${name} : la mission a répondu à votre contribution`,
        text: [
          "Bonjour,",
          "",
          `L'équipe de la mission a répondu à ${subjectOf}.`,
          `Statut : ${status?.label ?? String(message.details.status ?? "")}.`,
          "",
          String(message.details.body ?? ""),
          "",
          url ? `La réponse est publiée avec votre contribution : ${url}` : "",
          ...footer,
        ].join("\n"),
      };
    }
    case "synthesis": {
      const themeId = String(message.details.theme_id ?? message.subject_ref);
      const theme = findTheme(themeId);
      return {
        subject: `${name} : la synthèse du thème « ${theme?.title ?? themeId} » est publiée`,
        text: [
          "Bonjour,",
          "",
          `Vous avez contribué au thème « ${theme?.title ?? themeId} ». L'équipe de la mission a publié sa synthèse de ce que les participants ont dit :`,
          new URL(`/themes/${themeId}/#synthese`, options.siteUrl).href,
          "",
          "Si la façon dont votre contribution y est résumée ne vous convient pas, vous pouvez le signaler depuis la page de votre contribution.",
          ...footer,
        ].join("\n"),
      };
    }
    default:
      return undefined;
  }
}
