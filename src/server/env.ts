/**
 * Server configuration, parsed once from the environment with zod. A wrong
 * or missing variable stops the process with a message that names it and
 * says how to fix it. With nothing set, the embedded PGlite store is used,
 * seeded with demonstration data; never on Netlify, nor with the real clock.
 */
import { z } from "zod";

/**
 * A variable that used to set a limit the database now keeps: refused with
 * the way to change it, rather than silently ignored.
 */
const movedToDatabase = (name: string, setting: string) =>
  z
    .string()
    .optional()
    .refine((value) => value === undefined, {
      message: `${name} is no longer read: the limits and thresholds live in the database. Change them there, e.g. update public.integrity_settings set value = 120 where name = '${setting}' (README, "Integrity")`,
    });

const envSchema = z
  .object({
    SUPABASE_URL: z.url({ message: "SUPABASE_URL must be the project URL, e.g. https://abcd.supabase.co" }).optional(),
    SUPABASE_SERVICE_ROLE_KEY: z.string().min(20, "SUPABASE_SERVICE_ROLE_KEY looks truncated").optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
      .optional(),
    PGLITE_DATA_DIR: z.string().min(1).optional(),
    /** Set by Netlify on every build and function (production, deploy-preview, branch-deploy…). */
    CONTEXT: z.string().optional(),
    /** "real" in production; unset or an ISO instant: a demonstration clock (src/server/clock.ts). */
    CONSULTATION_CLOCK: z.string().optional(),
    HASH_SALT: z.string().min(32, "HASH_SALT must be at least 32 characters of random text").optional(),
    MODERATOR_TOKEN: z.string().min(24, "MODERATOR_TOKEN must be at least 24 characters of random text").optional(),
    /** smtp(s)://user:password@host:port of the server that sends e-mail to contributors; unset: written to the log. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must look like smtp://user:password@host:587 or smtps://…")
      .optional(),
    /** The sender of those messages, e.g. « Mission Coworking <ne-pas-repondre@exemple.fr> ». */
    MAIL_FROM: z.string().min(3).max(200).optional(),
    NETLIFY_BUILD_HOOK_URL: z
      .url({ message: "NETLIFY_BUILD_HOOK_URL must be the build hook's https:// URL" })
      .optional(),
    // Read only to refuse them: the limits moved into the database (public.integrity_settings).
    FLAG_THRESHOLD: movedToDatabase("FLAG_THRESHOLD", "flag_networks_for_review"),
    RATE_LIMIT_MAX: movedToDatabase("RATE_LIMIT_MAX", "submission_max"),
    RATE_LIMIT_WINDOW_SECONDS: movedToDatabase("RATE_LIMIT_WINDOW_SECONDS", "submission_window_seconds"),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.SUPABASE_URL) !== Boolean(env.SUPABASE_SERVICE_ROLE_KEY)) {
      const missing = env.SUPABASE_URL ? "SUPABASE_SERVICE_ROLE_KEY" : "SUPABASE_URL";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: `${missing} is missing: set both SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or neither`,
      });
    }
    const database = Boolean(env.SUPABASE_URL || env.DATABASE_URL);
    if (!database && env.CONTEXT) {
      ctx.addIssue({
        code: "custom",
        path: ["SUPABASE_URL"],
        message: `no database is configured on Netlify (CONTEXT=${env.CONTEXT}): set SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY and HASH_SALT (or DATABASE_URL) for this deploy context. The embedded demonstration database is for local use only: it is not shipped with the functions, and a site built on it would publish demonstration contributions as real ones`,
      });
    } else if (!database && env.CONSULTATION_CLOCK?.trim() === "real" && !env.PGLITE_DATA_DIR) {
      ctx.addIssue({
        code: "custom",
        path: ["CONSULTATION_CLOCK"],
        message:
          "CONSULTATION_CLOCK=real with no database: set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or DATABASE_URL, or PGLITE_DATA_DIR for an embedded database of your own (never seeded with demonstration data); unset CONSULTATION_CLOCK to try the site on its demonstration data",
      });
    }
    if (database && !env.HASH_SALT) {
      ctx.addIssue({
        code: "custom",
        path: ["HASH_SALT"],
        message:
          "HASH_SALT is required with a real database (32+ random characters, e.g. `openssl rand -hex 32`); it keeps IP and token hashes irreversible",
      });
    }
  });

/** Which store the server talks to, and how. */
export type StoreConfig =
  | { driver: "supabase"; url: string; serviceRoleKey: string }
  | { driver: "postgres"; url: string }
  | {
      driver: "pglite";
      dataDir: string;
      /** Seed the demonstration data into a new database: only on a demonstration clock. */
      seedDemonstration: boolean;
    };

export interface ServerEnv {
  store: StoreConfig;
  /** Secret salt for IP and token hashes; undefined on the embedded store, which keeps its own. */
  hashSalt: string | undefined;
  /** Moderator token outside Supabase; undefined: generated into .data/moderator-token. */
  moderatorToken: string | undefined;
  /** Netlify build hook to call when public data changed. */
  buildHookUrl: string | undefined;
  /** Where e-mail to contributors goes: an SMTP server, or the log when unset. */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
}

/** Parses the environment; throws an Error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const result = envSchema.safeParse(blankToUndefined(source));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new Error(`Invalid server environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  let store: StoreConfig;
  if (env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY) {
    store = { driver: "supabase", url: env.SUPABASE_URL, serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY };
  } else if (env.DATABASE_URL) {
    store = { driver: "postgres", url: env.DATABASE_URL };
  } else {
    store = {
      driver: "pglite",
      dataDir: env.PGLITE_DATA_DIR ?? ".data/pglite",
      seedDemonstration: env.CONSULTATION_CLOCK?.trim() !== "real",
    };
  }
  return {
    store,
    hashSalt: env.HASH_SALT,
    moderatorToken: env.MODERATOR_TOKEN,
    buildHookUrl: env.NETLIFY_BUILD_HOOK_URL,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
  };
}

/** Where a build with no site URL says it lives: the local server's default address. */
export const LOCAL_SITE_URL = "http://localhost:4321";

/**
 * Why a build is a production build, or undefined for a local one: the real
 * clock (set by netlify.toml for every Netlify build, and the setting of a
 * real consultation anywhere), or Netlify's CONTEXT (any deploy context).
 * Not NODE_ENV: `astro build` sets NODE_ENV=production itself when it is
 * unset, so every local `npm run build` would count as one.
 */
export function productionReason(source: Record<string, string | undefined> = process.env): string | undefined {
  if (source.CONSULTATION_CLOCK?.trim() === "real") return "CONSULTATION_CLOCK=real";
  const context = source.CONTEXT?.trim();
  if (context) return `CONTEXT=${context} (a Netlify build)`;
  return undefined;
}

const absoluteHttpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname });

/**
 * The absolute URL the built site names itself by, in canonical links, Open
 * Graph, the sitemap, robots.txt, the feeds, the open data and the calendar's
 * UIDs: SITE_URL, else Netlify's URL, else `fallback` (the local server's
 * own address). A production build ({@link productionReason}) with neither
 * variable stops rather than publishing a local address as the site's.
 */
export function siteUrlFromEnv(
  source: Record<string, string | undefined> = process.env,
  fallback: string = LOCAL_SITE_URL,
): string {
  for (const name of ["SITE_URL", "URL"] as const) {
    const value = source[name]?.trim();
    if (!value) continue;
    if (!absoluteHttpUrl.safeParse(value).success) {
      throw new Error(
        `${name}="${value}" is not an absolute http(s) URL: set SITE_URL to the site's public address, e.g. SITE_URL=https://consultation.example.fr`,
      );
    }
    return value;
  }
  const production = productionReason(source);
  if (production) {
    throw new Error(
      `SITE_URL is not set for a production build (${production}): the canonical links, Open Graph images, sitemap, feeds and calendar would name ${fallback}. Set SITE_URL to the site's public address, e.g. SITE_URL=https://consultation.example.fr (Netlify sets URL itself)`,
    );
  }
  return fallback;
}

/** Only the variables we read, with empty strings treated as unset (a blank line in .env). */
function blankToUndefined(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const keys = Object.keys(envSchema.shape);
  return Object.fromEntries(keys.map((key) => [key, source[key]?.trim() ? source[key] : undefined]));
}
