/**
 * The Node HTTP server `npm start` runs (scripts/start.ts), with what Node
 * leaves open closed: a request that comes too slowly is cut, and every
 * refusal the server itself makes (a bad Host header, malformed HTTP, a
 * timeout) is JSON in the API's error shape, with a French message, like
 * the functions' own answers.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import type { Duplex } from "node:stream";
import { apiErrors } from "./api-response";
import { badRequestResponse, requestTargetError, sendWebResponse } from "./node-http";

/** The longest a client may take to send a whole request, headers and body, before the server answers 408 and closes. */
export const REQUEST_CUT_MS = 15_000;

/**
 * The server's time limits. Node's defaults let a client take 300 s to send
 * a request (requestTimeout), a byte at a time: a few hundred such clients
 * hold as many connections, and each body read holds a function's turn. A
 * legitimate request is at most 32 KB (MAX_BODY_BYTES), seconds even on a
 * poor mobile connection.
 */
export const localServerOptions = {
  /** Headers complete within 10 s. */
  headersTimeout: 10_000,
  /**
   * Whole request within 14 s. Node checks both limits only every
   * `connectionsCheckingInterval`, so a request is cut at most that much
   * later: 14 s + 1 s = REQUEST_CUT_MS.
   */
  requestTimeout: REQUEST_CUT_MS - 1_000,
  /** Node's default, 30 s, would let a cut come up to 30 s late. */
  connectionsCheckingInterval: 1_000,
} as const satisfies ServerOptions;

/**
 * What Node itself would answer for each client error (lib/_http_server.js,
 * socketOnError), as the API's JSON; anything else is a 400.
 */
function clientErrorResponse(error: NodeJS.ErrnoException): Response {
  switch (error.code) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return apiErrors.requestTimeout();
    case "HPE_HEADER_OVERFLOW":
      return apiErrors.headersTooLarge();
    default:
      return apiErrors.badRequest();
  }
}

/**
 * Writes a Response straight to a socket, then closes it: a client error
 * comes with no ServerResponse to write to (Node's documented way, see the
 * `clientError` event).
 */
async function endSocket(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.text());
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`];
  for (const [name, value] of response.headers) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${body.byteLength}`, "connection: close", "", "");
  socket.end(Buffer.concat([Buffer.from(lines.join("\r\n")), body]));
}

/**
 * A Node HTTP server with `localServerOptions`, that refuses a request
 * whose Host header or target is unusable (400, for any path: the static
 * site would otherwise answer it) before `listener` sees it.
 */
export function createLocalServer(listener: (req: IncomingMessage, res: ServerResponse) => void): Server {
  // The latest response on each connection: while it is being written (its
  // headers out, not finished), a 408 can no longer be sent, only the
  // connection closed. Read from the response itself rather than kept up to
  // date by a "finish" listener on every request.
  const responses = new WeakMap<Duplex, ServerResponse>();
  const server = createServer(localServerOptions, (req, res) => {
    responses.set(req.socket, res);
    const invalid = requestTargetError(req);
    if (!invalid) {
      listener(req, res);
      return;
    }
    sendWebResponse(res, badRequestResponse(invalid)).catch(() => res.destroy());
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    const writing = responses.get(socket);
    if (error.code === "ECONNRESET" || !socket.writable || (writing?.headersSent && !writing.writableFinished)) {
      socket.destroy();
      return;
    }
    endSocket(socket, clientErrorResponse(error)).catch(() => socket.destroy());
  });
  return server;
}
