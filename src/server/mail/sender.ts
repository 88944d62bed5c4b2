/**
 * Sends the outbox: claims due messages with a lease, sends each over SMTP
 * (nodemailer) or, with no SMTP_URL, writes it to the log, then marks it
 * sent. A sender that dies between the claim and the mark leaves the
 * message due again once its lease ends: it is sent again, once. The only
 * window for a duplicate is between the SMTP server's « 250 accepted » and
 * the mark, a few milliseconds; the Message-ID is the outbox row's, so a
 * mail client shows such a duplicate as one message.
 */
import nodemailer from "nodemailer";
import { siteUrlFromEnv } from "../env";
import type { OutboxMessage, Store } from "../store/store";
import { renderMail } from "./messages";
import { unsubscribeApiUrl } from "./unsubscribe";

/** One message ready to go, as a transport takes it. */
export interface OutgoingMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
}

/** Where messages go. `send` resolves once the server accepted the message; a rejection carries its SMTP code. */
export interface MailTransport {
  readonly via: "smtp" | "log";
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** An SMTP server: smtp://user:password@host:587 (STARTTLS when offered) or smtps:// (TLS from the start). */
export function smtpTransport(url: string): MailTransport {
  // Bounded waits (nodemailer's own: 2 minutes to connect, 10 of silence): a stalled server
  // fails the send, the message stays due, and the next run tries again.
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    via: "smtp",
    async send(mail) {
      await transporter.sendMail({
        to: mail.to,
        from: mail.from,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        headers: mail.headers,
      });
    },
    close: () => transporter.close(),
  };
}

/** No SMTP_URL: each message is written to the log (local work, demonstrations), then counts as sent. */
export function logTransport(log: (line: string) => void = console.info): MailTransport {
  return {
    via: "log",
    async send(mail) {
      log(`[mail] (no SMTP_URL: not sent) To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}`);
    },
    close() {},
  };
}

export interface DeliveryOptions {
  transport: MailTransport;
  siteUrl: string;
  hashSalt: string;
  from: string;
  /** Messages claimed per round. */
  batch?: number;
  /** How long a claim holds: longer than one send may take. */
  leaseSeconds?: number;
  /** Stop claiming new rounds after this long (a scheduled function has 30 s). */
  budgetMs?: number;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  givenUp: number;
}

/** Sends what is due, round after round, until nothing is due or the budget is spent. */
export async function deliverOutbox(store: Store, options: DeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, givenUp: 0 };
  const deadline = Date.now() + (options.budgetMs ?? 20_000);
  while (Date.now() < deadline) {
    const messages = await store.claimEmail({ limit: options.batch ?? 20, leaseSeconds: options.leaseSeconds ?? 120 });
    if (messages.length === 0) break;
    for (const message of messages) await deliverOne(store, message, options, report);
  }
  return report;
}

async function deliverOne(
  store: Store,
  message: OutboxMessage,
  options: DeliveryOptions,
  report: DeliveryReport,
): Promise<void> {
  const rendered = message.stopped ? undefined : renderMail(message, options);
  if (!rendered) {
    const why = message.stopped ? "unsubscribed" : `no message for kind ${message.kind} yet`;
    if ((await store.failEmail({ id: message.id, error: why, permanent: true })) === "given_up") report.givenUp++;
    return;
  }
  const host = new URL(options.siteUrl).hostname;
  const listUnsubscribe = unsubscribeApiUrl(options.siteUrl, options.hashSalt, message.contact_id);
  try {
    await options.transport.send({
      to: message.email,
      from: options.from,
      subject: rendered.subject,
      text: rendered.text,
      messageId: `<outbox-${message.id}@${host}>`,
      headers: {
        "List-Unsubscribe": `<${listUnsubscribe}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
      },
    });
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const permanent = code !== undefined && code >= 500 && code < 600;
    const text = `${code ?? ""} ${(error as Error).message ?? String(error)}`.trim();
    console.error(`[mail] sending ${message.id} failed (attempt ${message.attempts}): ${text}`);
    const outcome = await store.failEmail({ id: message.id, error: text, permanent });
    if (outcome === "given_up") report.givenUp++;
    else report.retried++;
    return;
  }
  await store.completeEmail(message.id, options.transport.via);
  report.sent++;
}

/** The delivery settings of this environment: SMTP_URL's server or the log, MAIL_FROM, the site's address. */
export function deliveryFromEnv(
  env: { smtpUrl: string | undefined; mailFrom: string | undefined },
  hashSalt: string,
): DeliveryOptions {
  const siteUrl = siteUrlFromEnv();
  return {
    transport: env.smtpUrl ? smtpTransport(env.smtpUrl) : logTransport(),
    siteUrl,
    hashSalt,
    from: env.mailFrom ?? `Consultation <ne-pas-repondre@${new URL(siteUrl).hostname}>`,
  };
}

/**
 * One delivery run of this process's store and environment: what the
 * schedule runs, and what a moderator's decision runs at once (with a short
 * budget, so the decision answers quickly). Never throws: a failed run is
 * logged and the next one picks the messages up.
 */
export async function sendDueMail(budgetMs: number): Promise<DeliveryReport | undefined> {
  const { getStore } = await import("../store/open-store");
  const { parseEnv } = await import("../env");
  let options: DeliveryOptions | undefined;
  try {
    const { store, hashSalt } = await getStore();
    options = { ...deliveryFromEnv(parseEnv(), hashSalt), budgetMs };
    return await deliverOutbox(store, options);
  } catch (error) {
    console.error("[mail] the delivery run failed:", error);
    return undefined;
  } finally {
    options?.transport.close();
  }
}

/**
 * What a moderator's decision runs: the delivery run, awaited at most
 * `waitMs`, so that a slow or stalled SMTP server never holds the
 * decision's answer (already committed). The run goes on in the
 * background; if the process dies or freezes with it, the message's lease
 * runs out and the schedule sends it.
 */
export async function sendDueMailSoon(waitMs = 3_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((done) => {
    timer = setTimeout(done, waitMs);
  });
  await Promise.race([sendDueMail(waitMs).then(() => undefined), waited]);
  clearTimeout(timer);
}
