import type { Config } from "@netlify/functions";
import { sendDueMail } from "../../src/server/mail/sender";

/**
 * Every minute on Netlify: sends the e-mail the outbox holds (after a
 * decision, the decision's own run usually sent it already; this catches
 * what that run could not: a slow or unreachable SMTP server, a crash).
 */
export default async (): Promise<Response> => {
  const report = await sendDueMail(20_000);
  if (report && report.sent + report.retried + report.givenUp > 0) {
    console.info(`[scheduled-mail] sent ${report.sent}, to retry ${report.retried}, given up ${report.givenUp}`);
  }
  return new Response(null, { status: 204 });
};

export const config: Config = { schedule: "* * * * *" };
