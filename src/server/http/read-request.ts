/**
 * Reading a request before anything else looks at it: method, media type,
 * size (counted while streaming, not trusted from Content-Length), JSON,
 * and the Idempotency-Key header. Each failure is an answer, never a throw.
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
  const mediaType = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") return { ok: false, response: apiErrors.unsupportedMediaType() };
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes)
    return { ok: false, response: apiErrors.payloadTooLarge(maxBytes) };

  const text = await readLimited(req, maxBytes);
  if (text === undefined) return { ok: false, response: apiErrors.payloadTooLarge(maxBytes) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: apiErrors.invalidJson() };
  }
}

const idempotencyKeySchema = z.uuid();

/** The Idempotency-Key header (a UUID); a fresh one when absent, so a client without it still works. */
export function readIdempotencyKey(req: Request): Read<string> {
  const header = req.headers.get("idempotency-key")?.trim();
  if (!header) return { ok: true, value: crypto.randomUUID() };
  const parsed = idempotencyKeySchema.safeParse(header.toLowerCase());
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: apiErrors.invalidIdempotencyKey() };
}

/** The body as UTF-8 text, or undefined as soon as it exceeds maxBytes. */
async function readLimited(req: Request, maxBytes: number): Promise<string | undefined> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
