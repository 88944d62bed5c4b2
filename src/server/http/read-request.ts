/**
 * Reading a request before anything else looks at it: method, media type
 * and charset, size (counted while streaming, not trusted from
 * Content-Length), UTF-8, JSON, and the Idempotency-Key header. Each failure
 * is an answer, never a throw.
 */
import { z } from "zod";
import { apiErrors } from "./api-response";

/** Largest body accepted: a 4,000-character text in JSON, with room for multi-byte characters. */
export const MAX_BODY_BYTES = 32 * 1024;

type Read<T> = { ok: true; value: T } | { ok: false; response: Response };

/** The parsed JSON body of a POST (or another allowed method) with Content-Type application/json, within MAX_BODY_BYTES. */
export async function readJsonBody(
  req: Request,
  { maxBytes = MAX_BODY_BYTES, methods = ["POST"] }: { maxBytes?: number; methods?: readonly string[] } = {},
): Promise<Read<unknown>> {
  if (!methods.includes(req.method)) return { ok: false, response: apiErrors.methodNotAllowed(methods) };
  if (!isUtf8Json(req.headers.get("content-type"))) return { ok: false, response: apiErrors.unsupportedMediaType() };
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes)
    return { ok: false, response: apiErrors.payloadTooLarge(maxBytes) };

  const bytes = await readLimited(req, maxBytes);
  if (bytes === "too-large") return { ok: false, response: apiErrors.payloadTooLarge(maxBytes) };
  // The client went away mid-body (or npm start cut a slow one, 408): no one
  // reads this answer, but it is the client's doing, not a failure to log.
  if (bytes === "unreadable") return { ok: false, response: apiErrors.badRequest() };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, response: apiErrors.invalidEncoding() };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: apiErrors.invalidJson() };
  }
}

/**
 * Whether a Content-Type is application/json in UTF-8: JSON's only encoding
 * (RFC 8259), so no charset is UTF-8 too. Any other declared charset is
 * refused rather than read as UTF-8, which would turn a Latin-1 « é » into
 * an invalid byte.
 */
function isUtf8Json(contentType: string | null): boolean {
  const [mediaType, ...parameters] = (contentType ?? "").split(";");
  if (mediaType?.trim().toLowerCase() !== "application/json") return false;
  for (const parameter of parameters) {
    const [name, value = ""] = parameter.split("=");
    if (name?.trim().toLowerCase() !== "charset") continue;
    const charset = value
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .toLowerCase();
    if (charset !== "utf-8" && charset !== "utf8") return false;
  }
  return true;
}

// fatal: bytes that are not UTF-8 throw instead of becoming U+FFFD, which
// would store a text the citizen never wrote.
const utf8 = new TextDecoder("utf-8", { fatal: true });

const idempotencyKeySchema = z.uuid();

/** The Idempotency-Key header (a UUID); a fresh one when absent, so a client without it still works. */
export function readIdempotencyKey(req: Request): Read<string> {
  const header = req.headers.get("idempotency-key")?.trim();
  if (!header) return { ok: true, value: crypto.randomUUID() };
  const parsed = idempotencyKeySchema.safeParse(header.toLowerCase());
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: apiErrors.invalidIdempotencyKey() };
}

/** The body's bytes; "too-large" as soon as they exceed maxBytes; "unreadable" if the stream fails. */
async function readLimited(req: Request, maxBytes: number): Promise<Uint8Array | "too-large" | "unreadable"> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      return "unreadable";
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return "too-large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
