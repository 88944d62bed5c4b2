/**
 * A real SMTP server on loopback (the smtp-server package) for the e-mail
 * tests: it keeps every message it accepted, parsed by mailparser, and can
 * refuse recipients, or hold a message's DATA until told, to test a sender
 * that dies mid-send.
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtpServer {
  url: string;
  port: number;
  /** Messages accepted so far, in order. */
  received: ParsedMail[];
  /** Recipients to refuse with a 550. */
  refuse: Set<string>;
  /** While set, DATA is read but not answered: resolves `onHeld` and waits. */
  holdData: boolean;
  /** Resolves when a DATA is held. */
  nextHold(): Promise<void>;
  /** Resolves once `count` messages were accepted. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const refuse = new Set<string>();
  const holdWaiters: (() => void)[] = [];
  const state = { holdData: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    closeTimeout: 200,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) {
        const error = Object.assign(new Error("Boîte inconnue"), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      if (state.holdData) {
        stream.resume();
        for (const resolve of holdWaiters.splice(0)) resolve();
        // Never answers: the sender waits for « 250 » until it dies.
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    port: actualPort,
    received,
    refuse,
    get holdData() {
      return state.holdData;
    },
    set holdData(value: boolean) {
      state.holdData = value;
    },
    nextHold: () => new Promise<void>((resolve) => holdWaiters.push(resolve)),
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} message(s), got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
