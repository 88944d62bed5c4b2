/**
 * The server `npm start` runs (createLocalServer, with the options
 * scripts/start.ts gets from the same module): slow clients are cut within
 * REQUEST_CUT_MS, and its own refusals are the API's JSON.
 */
import type { Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../src/server/http/api-response";
import { createFunctionRouter } from "../../src/server/http/function-router";
import { createLocalServer, localServerOptions, REQUEST_CUT_MS } from "../../src/server/http/local-server";
import { serveFunctions } from "../../src/server/http/node-http";
import { readJsonBody } from "../../src/server/http/read-request";
import echo from "../fixtures/functions/echo";

let server: Server;
let port: number;

beforeAll(async () => {
  // A function that reads its JSON body as every function taking JSON does, and one for GET.
  const reader = async (req: Request) => {
    const body = await readJsonBody(req);
    return body.ok ? json(200, body.value) : body.response;
  };
  const router = createFunctionRouter([
    { file: "reader.ts", module: { default: reader, config: { path: "/api/contributions" } } },
    { file: "tests/fixtures/functions/echo.ts", module: { default: echo, config: { path: "/api/items/:id" } } },
  ]);
  server = createLocalServer((req, res) => {
    const respond = async () => {
      if (await serveFunctions(req, res, router, { trustProxy: false })) return;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<p>page</p>");
    };
    respond().catch(() => res.destroy());
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
});

interface Exchange {
  /** Everything the server sent before it closed the connection. */
  raw: Buffer;
  /** Milliseconds from the first byte sent to the connection's close. */
  elapsed: number;
}

/**
 * Opens a connection, sends `start`, then `drip` once a second until the
 * server closes the connection (or `giveUpMs` passes).
 */
function slowClient(start: string, drip: string, giveUpMs = REQUEST_CUT_MS + 5_000): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const started = Date.now();
    const chunks: Buffer[] = [];
    const timer = setInterval(() => {
      if (socket.writable) socket.write(drip);
    }, 1_000);
    const giveUp = setTimeout(() => socket.destroy(new Error(`still open after ${giveUpMs} ms`)), giveUpMs);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", (error) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      reject(error);
    });
    socket.on("close", () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ raw: Buffer.concat(chunks), elapsed: Date.now() - started });
    });
    socket.write(start);
  });
}

/** Status line, lower-cased headers and JSON body of a raw HTTP/1.1 answer (chunked or not). */
function parse(raw: Buffer): { statusLine: string; headers: string; body: unknown } {
  const split = raw.indexOf("\r\n\r\n");
  const [statusLine = "", ...lines] = raw.subarray(0, split).toString().split("\r\n");
  const headers = lines.join("\n").toLowerCase();
  let body = raw.subarray(split + 4);
  if (headers.includes("transfer-encoding: chunked")) {
    const decoded: Buffer[] = [];
    for (let rest = body; ; ) {
      const end = rest.indexOf("\r\n");
      const size = Number.parseInt(rest.subarray(0, end).toString(), 16);
      if (!size) break;
      decoded.push(rest.subarray(end + 2, end + 2 + size));
      rest = rest.subarray(end + 2 + size + 2);
    }
    body = Buffer.concat(decoded);
  }
  return { statusLine, headers, body: body.length > 0 ? JSON.parse(body.toString()) : undefined };
}

describe("npm start's server: slow clients", () => {
  it("is the server scripts/start.ts runs, with limits that add up to REQUEST_CUT_MS", () => {
    expect(server.headersTimeout).toBe(localServerOptions.headersTimeout);
    expect(server.requestTimeout).toBe(localServerOptions.requestTimeout);
    expect(localServerOptions.requestTimeout + localServerOptions.connectionsCheckingInterval).toBeLessThanOrEqual(
      REQUEST_CUT_MS,
    );
  });

  // Both at once: each takes up to REQUEST_CUT_MS.
  it.concurrent(
    "answers 408 in JSON and closes a client that sends its headers slowly, within 15 s",
    async () => {
      const { raw, elapsed } = await slowClient(
        "POST /api/contributions HTTP/1.1\r\nHost: localhost\r\n",
        "X-Slow: encore\r\n",
      );
      expect(elapsed).toBeLessThan(REQUEST_CUT_MS + 1_000);
      const answer = parse(raw);
      expect(answer.statusLine).toBe("HTTP/1.1 408 Request Timeout");
      expect(answer.headers).toContain("content-type: application/json; charset=utf-8");
      expect(answer.body).toEqual({
        error: "request_timeout",
        message: expect.stringContaining("trop lentement"),
        issues: [],
      });
    },
    REQUEST_CUT_MS + 10_000,
  );

  it.concurrent(
    "answers 408 in JSON and closes a client that sends its body slowly, within 15 s",
    async () => {
      const { raw, elapsed } = await slowClient(
        "POST /api/contributions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
        " ",
      );
      expect(elapsed).toBeLessThan(REQUEST_CUT_MS + 1_000);
      const answer = parse(raw);
      expect(answer.statusLine).toBe("HTTP/1.1 408 Request Timeout");
      expect(answer.body).toMatchObject({ error: "request_timeout" });
    },
    REQUEST_CUT_MS + 10_000,
  );
});

describe("npm start's server: a bad Host header", () => {
  it.each(["/", "/themes/", "/api/items/1", "/api/inconnu"])(
    "is a JSON 400 with a French message on %s",
    async (path) => {
      const { raw } = await slowClient(
        `GET ${path} HTTP/1.1\r\nHost: evil.example/path?\r\nConnection: close\r\n\r\n`,
        "",
      );
      const answer = parse(raw);
      expect(answer.statusLine).toBe("HTTP/1.1 400 Bad Request");
      expect(answer.headers).toContain("content-type: application/json; charset=utf-8");
      expect(answer.body).toEqual({
        error: "bad_request",
        message: expect.stringContaining("en-tête Host"),
        issues: [],
      });
    },
  );

  it("and a good one reaches the site and the functions", async () => {
    const page = await slowClient("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", "");
    expect(page.raw.toString()).toMatch(/^HTTP\/1\.1 200 OK/);
    const api = await slowClient("GET /api/items/7 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", "");
    expect(parse(api.raw).body).toMatchObject({ params: { id: "7" } });
  });

  it("answers malformed HTTP with the JSON 400", async () => {
    const { raw } = await slowClient("NOT HTTP AT ALL\r\n\r\n", "");
    const answer = parse(raw);
    expect(answer.statusLine).toBe("HTTP/1.1 400 Bad Request");
    expect(answer.body).toMatchObject({ error: "bad_request" });
  });
});
