/**
 * `npm run mail:send`: sends the e-mail the outbox holds, once, then exits:
 * what Netlify's scheduled function does every minute, for a self-hosted
 * site's cron. SMTP_URL chooses the server (unset: written to the log).
 *
 *   --lease-seconds N   how long a claimed message stays this run's (120)
 *   --budget-seconds N  stop claiming new messages after this long (20)
 *   --batch N           messages claimed at a time (20)
 */
import { parseArgs } from "node:util";
import { parseEnv } from "../src/server/env";
import { deliverOutbox, deliveryFromEnv } from "../src/server/mail/sender";
import { openStore } from "../src/server/store/open-store";

const { values } = parseArgs({
  options: { "lease-seconds": { type: "string" }, "budget-seconds": { type: "string" }, batch: { type: "string" } },
});
const seconds = (value: string | undefined, fallback: number) => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3600) {
    console.error("--lease-seconds, --budget-seconds and --batch take a whole number, 1 to 3600.");
    process.exit(2);
  }
  return n;
};
const leaseSeconds = seconds(values["lease-seconds"], 120);
const budgetMs = seconds(values["budget-seconds"], 20) * 1000;
const batch = Math.min(seconds(values.batch, 20), 100);

const env = parseEnv();
const { store, hashSalt } = await openStore(env);
const options = { ...deliveryFromEnv(env, hashSalt), leaseSeconds, budgetMs, batch };
try {
  const report = await deliverOutbox(store, options);
  console.info(`[mail] sent ${report.sent}, to retry ${report.retried}, given up ${report.givenUp}`);
} finally {
  options.transport.close();
  await store.close();
}
