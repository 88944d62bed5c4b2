/**
 * Glue between Node's HTTP server (what Vite's dev server and `npm start`
 * give us) and the WHATWG Request/Response pair Netlify Functions v2 take
 * and return.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { TLSSocket } from "node:tls";
import { fr } from "../../domain/messages.fr";
import { apiErrors } from "./api-response";
import type { FunctionRouter } from "./function-router";

/** Options every conversion needs: whether a reverse proxy's headers can be believed. */
export interface ProxyTrust {
  /**
   * True only behind exactly one reverse proxy (nginx, Caddy…) that appends
   * the client's address to X-Forwarded-For and sets X-Forwarded-Proto.
   * Without such a proxy any client can write these headers, and could then
   * pass for anyone: the IP is what limits one reaction per person and
   * counts abuse flags.
   */
  trustProxy: boolean;
}

/** A request that cannot be turned into a WHATWG Request (answered 400). */
export class BadRequestError extends Error {
  override name = "BadRequestError";
  /** The French sentence the client gets; `message` is the English detail for logs. */
  readonly publicMessage: string;
  constructor(message: string, publicMessage: string) {
    super(message);
    this.publicMessage = publicMessage;
  }
}

// A host name, an IPv4 address or a bracketed IPv6 address, then an optional
// port: anything else (a "/" or "@" for instance) would change the URL built
// from it.
const hostHeader = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(?::\d{1,5})?$/;

/** The last (nearest proxy's) value of a comma-separated forwarding header. */
function lastForwarded(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(",") : value;
  return joined?.split(",").at(-1)?.trim() || undefined;
}

/**
 * The client's IP address: the socket's peer, written as Netlify writes it
 * (an IPv4 client on a dual-stack socket shows as "::ffff:1.2.3.4"; it is
 * "1.2.3.4"). With `trustProxy`, the last X-Forwarded-For entry, the one the
 * proxy appended: earlier entries come from the client and prove nothing.
 */
export function clientIp(req: IncomingMessage, { trustProxy }: ProxyTrust): string {
  const forwarded = trustProxy ? lastForwarded(req.headers["x-forwarded-for"]) : undefined;
  const address = forwarded && isIP(forwarded) ? forwarded : (req.socket.remoteAddress ?? "");
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * What makes a Node request unusable, before any of it is read: a Host
 * header that is missing or not a host, or a request target other than a
 * path. Undefined when the request is fine. `npm start` asks it of every
 * request, page or API (src/server/http/local-server.ts); toWebRequest
 * throws it.
 */
export function requestTargetError(req: IncomingMessage): BadRequestError | undefined {
  const host = req.headers.host;
  if (!host || !hostHeader.test(host))
    return new BadRequestError(`invalid Host header: ${JSON.stringify(host)}`, fr.api.invalidHost);
  // Node gives the origin form ("/path?query"); anything else ("*", an
  // absolute URL meant for a proxy) is not for us.
  if (!req.url?.startsWith("/"))
    return new BadRequestError(`unsupported request target: ${JSON.stringify(req.url)}`, fr.api.badRequest);
  return undefined;
}

/** The 400 of a BadRequestError, in the API's error shape. */
export function badRequestResponse(error: BadRequestError): Response {
  return apiErrors.badRequest(error.publicMessage);
}

/**
 * The WHATWG Request for a Node request: absolute URL from the Host header
 * (and the TLS socket, or X-Forwarded-Proto when the proxy is trusted), the
 * method, every header, and the body streamed as it arrives. Throws
 * BadRequestError when the Host header is missing or is not a host.
 */
export function toWebRequest(req: IncomingMessage, { trustProxy }: ProxyTrust): Request {
  const invalid = requestTargetError(req);
  if (invalid) throw invalid;
  const host = req.headers.host ?? "";
  const forwardedProto = trustProxy ? lastForwarded(req.headers["x-forwarded-proto"]) : undefined;
  const protocol =
    forwardedProto === "https" || forwardedProto === "http"
      ? forwardedProto
      : (req.socket as Partial<TLSSocket>).encrypted
        ? "https"
        : "http";
  // Concatenated after a validated host, a path such as "//other.example/"
  // stays a path: new URL(req.url, base) would read it as another host.
  let url: URL;
  try {
    url = new URL(`${protocol}://${host}${req.url}`);
  } catch {
    throw new BadRequestError(`invalid Host header: ${JSON.stringify(host)}`, fr.api.invalidHost);
  }

  const headers = new Headers();
  for (let index = 0; index < req.rawHeaders.length; index += 2) {
    const name = req.rawHeaders[index] ?? "";
    // HTTP/2 pseudo-headers (":path"…) are not headers to a WHATWG Request.
    if (!name.startsWith(":")) headers.append(name, req.rawHeaders[index + 1] ?? "");
  }

  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  // A byte-length strategy keeps backpressure: Node's default counts chunks,
  // up to 16,384 of them, before it stops reading from the socket.
  const body = hasBody
    ? (Readable.toWeb(req, {
        strategy: new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
      }) as ReadableStream<Uint8Array>)
    : null;
  // `duplex` is required by Node's fetch for a streamed body but missing from
  // the DOM typings, hence the wider type.
  const init: RequestInit & { duplex: "half" } = { method, headers, body, duplex: "half" };
  return new Request(url, init);
}

/**
 * Writes a WHATWG Response to a Node response: status, every header (each
 * Set-Cookie on its own line: they cannot be joined with commas), then the
 * body streamed. Resolves when the body is sent; rejects if it fails midway
 * (e.g. the client went away).
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (response.body === null) {
    res.end();
    return;
  }
  await pipeline(response.body, res);
}

/**
 * Hands a Node request to the functions. Resolves to false, having written
 * nothing, when no function claims the path: the caller serves it otherwise.
 * Failures of the functions themselves are answered by the router (500);
 * only a broken response stream rejects.
 */
export async function serveFunctions(
  req: IncomingMessage,
  res: ServerResponse,
  router: FunctionRouter,
  trust: ProxyTrust,
): Promise<boolean> {
  let request: Request;
  try {
    request = toWebRequest(req, trust);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    await sendWebResponse(res, badRequestResponse(error));
    return true;
  }
  const response = await router.handle(request, { ip: clientIp(req, trust) });
  if (!response) return false;
  await sendWebResponse(res, response);
  return true;
}
