import { createHash, randomBytes } from "node:crypto";
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { Context } from "@netlify/functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFunctionRouter } from "../../src/server/http/function-router";
import {
  clientIp,
  type ProxyTrust,
  sendWebResponse,
  serveFunctions,
  toWebRequest,
} from "../../src/server/http/node-http";

/** A server on a free port whose handler each test sets. */
let server: Server;
let port: number;
let handler: (req: IncomingMessage, res: import("node:http").ServerResponse) => Promise<void>;

beforeAll(async () => {
  server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      res.writeHead(599).end(String(error));
    });
  });
  await new Promise<void>((listening) => server.listen(0, listening));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
});

interface RawResponse {
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An HTTP/1.1 request with exactly these headers (fetch would add or refuse some). */
function send(
  path: string,
  {
    method = "GET",
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string | string[]>; body?: Buffer | string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path, method, headers, setHost: !("Host" in headers) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? "",
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

const untrusted: ProxyTrust = { trustProxy: false };
const trusted: ProxyTrust = { trustProxy: true };

describe("Node request → WHATWG Request", () => {
  /** Converts the next request and answers with what the Request holds. */
  const inspect = (trust: ProxyTrust = untrusted) => {
    handler = async (req, res) => {
      const request = toWebRequest(req, trust);
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          method: request.method,
          url: request.url,
          headers: Object.fromEntries(request.headers),
          bodyLength: body?.byteLength ?? null,
          bodyText: body ? new TextDecoder().decode(body) : null,
          bodyHash: body ? sha256(body) : null,
        }),
      );
    };
  };
  const inspected = async (...args: Parameters<typeof send>) => JSON.parse((await send(...args)).body.toString());

  it("builds the absolute URL from the Host header, path and query kept", async () => {
    inspect();
    const seen = await inspected("/api/contributions?theme=emploi&q=%C3%A9t%C3%A9");
    expect(seen.url).toBe(`http://127.0.0.1:${port}/api/contributions?theme=emploi&q=%C3%A9t%C3%A9`);
    expect((await inspected("/api/x", { headers: { Host: "consultation.example:8080" } })).url).toBe(
      "http://consultation.example:8080/api/x",
    );
  });

  it("keeps a path that starts with // on our host", async () => {
    inspect();
    expect((await inspected("//other.example/api/x")).url).toBe(`http://127.0.0.1:${port}//other.example/api/x`);
  });

  it("takes https from X-Forwarded-Proto only behind a trusted proxy", async () => {
    inspect();
    expect((await inspected("/api/x", { headers: { "X-Forwarded-Proto": "https" } })).url).toMatch(/^http:/);
    inspect(trusted);
    expect((await inspected("/api/x", { headers: { "X-Forwarded-Proto": "https" } })).url).toMatch(/^https:/);
  });

  it("refuses a Host header that is not a host, with the API's JSON 400 and a French message", async () => {
    handler = async (req, res) => {
      const router = createFunctionRouter([]);
      if (!(await serveFunctions(req, res, router, untrusted))) res.end("fell through");
    };
    for (const host of ["evil.example/path?", "user@evil.example", "localhost:99999"]) {
      const answer = await send("/api/x", { headers: { Host: host } });
      expect(answer.status, host).toBe(400);
      expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(JSON.parse(answer.body.toString())).toEqual({
        error: "bad_request",
        message: expect.stringContaining("en-tête Host"),
        issues: [],
      });
    }
  });

  it("passes every header, repeated ones joined as the Fetch standard does", async () => {
    inspect();
    const seen = await inspected("/api/x", {
      headers: { "X-Custom": "Valeur", Accept: ["application/json", "text/plain"], Cookie: "a=1; b=2" },
    });
    expect(seen.headers).toMatchObject({
      "x-custom": "Valeur",
      accept: "application/json, text/plain",
      cookie: "a=1; b=2",
      host: `127.0.0.1:${port}`,
    });
  });

  it("streams a JSON body", async () => {
    inspect();
    const json = JSON.stringify({ body: "Un tiers-lieu à Guéret, ouvert en 2016 — « café & coworking »." });
    const seen = await inspected("/api/contributions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: json,
    });
    expect(seen).toMatchObject({ method: "POST", bodyText: json, bodyLength: Buffer.byteLength(json) });
    expect(seen.headers["content-type"]).toBe("application/json");
  });

  it("streams a binary body byte for byte, larger than one chunk", async () => {
    inspect();
    const bytes = randomBytes(1024 * 1024 + 7);
    const seen = await inspected("/api/upload", { method: "PUT", body: bytes });
    expect(seen.bodyLength).toBe(bytes.byteLength);
    expect(seen.bodyHash).toBe(sha256(bytes));
  });

  it("gives GET and HEAD requests no body", async () => {
    inspect();
    expect(await inspected("/api/x")).toMatchObject({ method: "GET", bodyLength: null });
    const head = await send("/api/x", { method: "HEAD" });
    expect(head.status).toBe(200);
  });
});

describe("WHATWG Response → Node response", () => {
  const answering = (response: () => Response) => {
    handler = (_req, res) => sendWebResponse(res, response());
  };

  it("writes the status, its text and every header", async () => {
    answering(
      () =>
        new Response("{}", {
          status: 201,
          statusText: "Created here",
          headers: { "Content-Type": "application/json", "X-Request-Id": "abc", Location: "/api/contributions/1" },
        }),
    );
    const answer = await send("/api/x", { method: "POST" });
    expect(answer).toMatchObject({ status: 201, statusMessage: "Created here" });
    expect(answer.headers).toMatchObject({
      "content-type": "application/json",
      "x-request-id": "abc",
      location: "/api/contributions/1",
    });
  });

  it("sends each Set-Cookie on its own line", async () => {
    answering(() => {
      const headers = new Headers();
      headers.append("Set-Cookie", "session=abc; Path=/; HttpOnly; Expires=Wed, 21 Oct 2026 07:28:00 GMT");
      headers.append("Set-Cookie", "theme=sombre; Path=/");
      return new Response(null, { status: 204, headers });
    });
    const answer = await send("/api/x");
    expect(answer.status).toBe(204);
    expect(answer.headers["set-cookie"]).toEqual([
      "session=abc; Path=/; HttpOnly; Expires=Wed, 21 Oct 2026 07:28:00 GMT",
      "theme=sombre; Path=/",
    ]);
  });

  it("streams a binary body as it is produced", async () => {
    const parts = [randomBytes(100_000), randomBytes(1), randomBytes(70_000)];
    answering(() => {
      let index = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const part = parts[index++];
          await new Promise((later) => setTimeout(later, 5));
          if (part) controller.enqueue(part);
          else controller.close();
        },
      });
      return new Response(body, { headers: { "Content-Type": "application/octet-stream" } });
    });
    const answer = await send("/api/x");
    expect(answer.headers["transfer-encoding"]).toBe("chunked");
    expect(sha256(answer.body)).toBe(sha256(Buffer.concat(parts)));
  });

  it("sends a JSON body with its length", async () => {
    answering(() => Response.json({ ok: true, texte: "réponse" }));
    const answer = await send("/api/x");
    expect(JSON.parse(answer.body.toString())).toEqual({ ok: true, texte: "réponse" });
    expect(answer.headers["content-type"]).toBe("application/json");
  });
});

describe("client IP", () => {
  /** Answers with the IP the functions would see. */
  const reportIp = (trust: ProxyTrust) => {
    handler = async (req, res) => {
      res.end(clientIp(req, trust));
    };
  };
  const ipFor = async (headers: Record<string, string> = {}) => (await send("/api/x", { headers })).body.toString();

  it("is the socket's peer address, an IPv4 client written without its ::ffff: prefix", async () => {
    reportIp(untrusted);
    expect(await ipFor()).toBe("127.0.0.1");
  });

  it("ignores X-Forwarded-For unless TRUST_PROXY is set: any client can write it", async () => {
    reportIp(untrusted);
    expect(await ipFor({ "X-Forwarded-For": "203.0.113.7" })).toBe("127.0.0.1");
  });

  it("behind a trusted proxy, is the address the proxy appended (the last one)", async () => {
    reportIp(trusted);
    expect(await ipFor({ "X-Forwarded-For": "203.0.113.7" })).toBe("203.0.113.7");
    expect(await ipFor({ "X-Forwarded-For": "198.51.100.1, 203.0.113.7" })).toBe("203.0.113.7");
    expect(await ipFor({ "X-Forwarded-For": "2001:db8::1" })).toBe("2001:db8::1");
    expect(await ipFor({ "X-Forwarded-For": "not-an-ip" })).toBe("127.0.0.1");
    expect(await ipFor()).toBe("127.0.0.1");
  });
});

describe("serving the functions from a Node server", () => {
  const router = createFunctionRouter([
    {
      file: "netlify/functions/reactions.ts",
      module: {
        default: async (req: Request, context: Context) =>
          Response.json({ id: context.params.id, ip: context.ip, received: await req.json() }, { status: 201 }),
        config: { path: "/api/contributions/:id/reactions", method: "POST" },
      },
    },
  ]);

  beforeAll(() => {
    handler = async (req, res) => {
      if (!(await serveFunctions(req, res, router, untrusted))) res.writeHead(404).end("static site");
    };
  });

  it("runs the function with its params, the body and the client's IP", async () => {
    const answer = await send("/api/contributions/42/reactions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ kind: "support" }),
    });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body.toString())).toEqual({ id: "42", ip: "127.0.0.1", received: { kind: "support" } });
  });

  it("leaves another method and other paths to the caller, as Netlify leaves them to the static site", async () => {
    const wrongMethod = await send("/api/contributions/42/reactions", { method: "DELETE" });
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.body.toString()).toBe("static site");
    const elsewhere = await send("/api/contributions/42", { method: "POST", body: "x" });
    expect(elsewhere).toMatchObject({ status: 404 });
    expect(elsewhere.body.toString()).toBe("static site");
  });
});
