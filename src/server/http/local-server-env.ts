/**
 * Settings of the local servers (`npm start`, and the functions in
 * `npm run dev`), read from the environment; the functions' own settings
 * are in src/server/env.ts. All optional:
 *
 * - `PORT`: where `npm start` listens, 4321 by default like `astro dev`;
 *   0 picks a free port (the ready line shows which).
 * - `TRUST_PROXY=1`: the server sits behind one reverse proxy whose
 *   X-Forwarded-For and X-Forwarded-Proto can be believed (see ProxyTrust in
 *   node-http.ts for why this is off by default).
 * - `DIST_DIR`: the built site `npm start` serves, and builds when stale;
 *   `dist` by default.
 * - `FUNCTIONS_DIR`: the functions' folder; `netlify/functions` by default.
 *
 * Relative folders are resolved from the working directory.
 */
import { resolve } from "node:path";
import { z } from "zod";

/** The local servers' settings, parsed. */
export interface LocalServerEnv {
  port: number;
  trustProxy: boolean;
  /** Absolute path of the built site. */
  distDir: string;
  /** Absolute path of the functions' folder. */
  functionsDir: string;
}

type Env = Record<string, string | undefined>;

const portSetting = z
  .string()
  .regex(/^\d{1,5}$/)
  .transform(Number)
  .refine((port) => port <= 65_535);

/** Reads TRUST_PROXY alone: the dev server needs it without the rest. */
export function trustProxyFromEnv(env: Env = process.env): boolean {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || raw === "0") return false;
  if (raw === "1") return true;
  throw new Error(
    `TRUST_PROXY="${raw}" is not valid: set TRUST_PROXY=1 only behind a reverse proxy that sets X-Forwarded-For, or leave it unset.`,
  );
}

/** Reads FUNCTIONS_DIR alone: the dev server needs it without the rest. */
export function functionsDirFromEnv(env: Env = process.env): string {
  return resolve(env.FUNCTIONS_DIR?.trim() || "netlify/functions");
}

/** Reads every setting; throws an error naming the variable and the fix when one is invalid. */
export function localServerEnv(env: Env = process.env): LocalServerEnv {
  const rawPort = env.PORT?.trim();
  const port = rawPort ? portSetting.safeParse(rawPort) : { success: true as const, data: 4321 };
  if (!port.success) {
    throw new Error(
      `PORT="${rawPort}" is not a port number: use an integer from 1 to 65535, e.g. PORT=8080 (or 0 for any free port).`,
    );
  }
  return {
    port: port.data,
    trustProxy: trustProxyFromEnv(env),
    distDir: resolve(env.DIST_DIR?.trim() || "dist"),
    functionsDir: functionsDirFromEnv(env),
  };
}
