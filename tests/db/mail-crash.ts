/**
 * The outbox across a crash, on a real PostgreSQL server: `npm run
 * mail:send` (plain processes, as a cron runs it) is killed while the SMTP
 * server holds its DATA unanswered; the message was not accepted, its lease
 * runs out, and the next run sends it (not one within the lease): exactly one message reaches the
 * server. Two senders at once never send the same message.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewContribution, Store } from "../../src/server/store/store";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

export interface MailCrashDatabase {
  /** The database's URL, for the sender processes. */
  url: string;
  store: Store;
  query: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const SALT = "mail-crash-salt-0123456789abcdef0123456789";

function contribution(email: string): NewContribution {
  return {
    kind: "answer",
    themeId: "modeles-economiques",
    questionId: "mutualiser",
    idempotencyKey: crypto.randomUUID(),
    body: `Mutualiser les achats entre lieux voisins, ${crypto.randomUUID()}.`,
    pseudonym: "Léa",
    profile: "fondateur",
    territory: {
      postalCode: "23000",
      communeCode: "23096",
      communeName: "Guéret",
      departementCode: "23",
      departementName: "Creuse",
      regionCode: "75",
      regionName: "Nouvelle-Aquitaine",
      territoryType: "small-town",
    },
    authorHash: `author-${crypto.randomUUID()}`,
    email,
    contactConsent: true,
  };
}

function sender(db: MailCrashDatabase, smtp: TestSmtpServer, leaseSeconds: number, batch = 20): ChildProcess {
  const args = ["scripts/send-mail.ts", "--lease-seconds", String(leaseSeconds), "--batch", String(batch)];
  return spawn(resolve("node_modules/.bin/tsx"), args, {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      HASH_SALT: SALT,
      SMTP_URL: smtp.url,
      SITE_URL: "https://consultation.example.fr",
      SUPABASE_URL: "",
      SUPABASE_SERVICE_ROLE_KEY: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));

export function describeMailCrash(name: string, connect: () => Promise<MailCrashDatabase>): void {
  describe(`e-mail outbox across crashes on ${name}`, () => {
    let db: MailCrashDatabase;
    let smtp: TestSmtpServer;
    beforeAll(async () => {
      db = await connect();
      smtp = await startSmtpServer();
    });
    afterAll(async () => {
      await smtp?.close();
      await db?.close();
    });

    it("a sender killed mid-send leaves the message due; the next run sends it, and only once", async () => {
      const created = await db.store.submitContribution(contribution("camille@exemple.fr"));
      if (created.outcome !== "created") throw new Error(`not created: ${created.outcome}`);
      await db.store.moderate({
        subjectType: "contribution",
        ids: [created.id],
        decision: "reject",
        reason: "Hors sujet : sans lien avec le coworking",
        actor: "moderateur-test",
      });

      smtp.holdData = true;
      const held = smtp.nextHold();
      const first = sender(db, smtp, 60);
      await held;
      first.kill("SIGKILL");
      await exited(first);
      smtp.holdData = false;
      const [row] = await db.query("select attempts, sent_at from public.email_outbox where subject_ref = $1", [
        created.id,
      ]);
      expect(row).toMatchObject({ attempts: 1, sent_at: null });
      expect(smtp.received).toHaveLength(0);

      // Within the lease, another run leaves it alone.
      const early = sender(db, smtp, 60);
      expect(await exited(early)).toBe(0);
      expect(smtp.received).toHaveLength(0);

      // The minute of the lease passes (instead of waiting for it).
      await db.query(
        "update public.email_outbox set lease_until = now() - interval '1 second' where subject_ref = $1",
        [created.id],
      );
      const second = sender(db, smtp, 60);
      expect(await exited(second)).toBe(0);
      const [mail] = await smtp.waitFor(1);
      expect(mail?.text).toContain("Raison indiquée : Hors sujet : sans lien avec le coworking.");

      const third = sender(db, smtp, 60);
      expect(await exited(third)).toBe(0);
      expect(smtp.received).toHaveLength(1);
      const [after] = await db.query(
        "select attempts, sent_via, sent_at is not null as sent from public.email_outbox where subject_ref = $1",
        [created.id],
      );
      expect(after).toEqual({ attempts: 2, sent_via: "smtp", sent: true });
    });

    it("two senders at once share the due messages without sending any twice", async () => {
      smtp.received.length = 0;
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const created = await db.store.submitContribution(contribution(`personne${i}@exemple.fr`));
        if (created.outcome !== "created") throw new Error(`not created: ${created.outcome}`);
        ids.push(created.id);
      }
      await db.store.moderate({ subjectType: "contribution", ids, decision: "publish", actor: "moderateur-test" });
      // Two messages per claim, so that both senders take turns on the twelve.
      const runs = [sender(db, smtp, 60, 2), sender(db, smtp, 60, 2)];
      const outputs = runs.map((run) => {
        let out = "";
        run.stdout?.on("data", (chunk) => {
          out += chunk;
        });
        return () => out;
      });
      expect(await Promise.all(runs.map(exited))).toEqual([0, 0]);
      const sentBy = outputs.map((out) => Number(/\[mail\] sent (\d+)/.exec(out())?.[1]));
      expect(sentBy[0]! + sentBy[1]!).toBe(12);
      const to = smtp.received.map((mail) => (Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text));
      expect(to.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `personne${i}@exemple.fr`).sort());
    });
  });
}
