/**
 * Every RSS feed of a built site (`BUILD_DIR`, default dist/), read by a
 * parser others wrote: Debian's python3-feedparser, the library most feed
 * readers and aggregators in Python use. Each feed must parse without
 * feedparser's « bozo » flag (not well-formed, or not a feed), carry an
 * atom:link rel="self" naming its own absolute URL on the site the build
 * was configured for (the same environment as the build: SITE_URL, URL, or
 * the local default, src/server/env.ts), and a lastBuildDate that parses
 * and is its newest item's date (so that a rebuild with unchanged data
 * writes the same feed: src/server/rss-channel.ts).
 *
 * Without python3-feedparser the test fails, saying what to install; it
 * never skips.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { themes, window } from "../../src/domain/consultation";
import { siteUrlFromEnv } from "../../src/server/env";

const root = resolve(import.meta.dirname, "../..");
const dist = resolve(root, process.env.BUILD_DIR ?? "dist");
if (!existsSync(join(dist, "index.html"))) {
  throw new Error(
    `${dist} has no built site: \`npm test\` builds dist/ first; to run this file alone, \`npm run build\` (or set BUILD_DIR to a built folder).`,
  );
}

/**
 * Debian's interpreter: python3-feedparser installs into it, and a python3
 * found first on the PATH (pyenv, a virtualenv) would not see the package.
 */
const PYTHON = "/usr/bin/python3";
const INSTALL = "apt-get install -y python3-feedparser (Debian's package, for /usr/bin/python3)";

/** What feedparser says of one feed. */
interface ParsedFeed {
  bozo: boolean;
  bozoException: string | null;
  version: string;
  selfLinks: string[];
  lastBuildDate: string | null;
  /** lastBuildDate as parsed by feedparser, in epoch seconds; null when it does not parse. */
  updated: number | null;
  /** Each item's pubDate as parsed, in epoch seconds. */
  published: (number | null)[];
}

const script = `
import calendar, json, sys
import feedparser

def seconds(parsed):
    return calendar.timegm(parsed) if parsed else None

out = {}
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out[path] = {
        "bozo": bool(d.bozo),
        "bozoException": str(d.get("bozo_exception")) if d.bozo else None,
        "version": d.get("version", ""),
        "selfLinks": [link.get("href") for link in d.feed.get("links", []) if link.get("rel") == "self"],
        "lastBuildDate": d.feed.get("updated"),
        "updated": seconds(d.feed.get("updated_parsed")),
        "published": [seconds(entry.get("published_parsed")) for entry in d.entries],
    }
print(json.dumps(out))
`;

/** Runs feedparser over the files; throws saying what to install when it cannot run. */
function feedparser(files: string[]): Record<string, ParsedFeed> {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: ${INSTALL}`);
  const run = spawnSync(PYTHON, ["-c", script, ...files], { encoding: "utf8" });
  if (run.status !== 0) {
    const missing = /No module named '?feedparser/.test(run.stderr);
    throw new Error(
      missing ? `python3-feedparser is not installed: ${INSTALL}` : `feedparser failed (${run.status}):\n${run.stderr}`,
    );
  }
  return JSON.parse(run.stdout) as Record<string, ParsedFeed>;
}

/** Every rss.xml of the built site, as paths relative to it. */
function builtFeeds(): string[] {
  return readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((path) => path === "rss.xml" || path.endsWith(`${sep}rss.xml`))
    .map((path) => path.split(sep).join("/"))
    .sort();
}

const site = siteUrlFromEnv(process.env);
const feeds = builtFeeds();

/** feedparser's reading of every feed, run once; without feedparser, each test fails with what to install. */
let parsed: Record<string, ParsedFeed> | undefined;
const parsedFeed = (feed: string): ParsedFeed | undefined => {
  parsed ??= feedparser(feeds.map((path) => join(dist, path)));
  return parsed[join(dist, feed)];
};

describe("RSS feeds, read by Debian's python3-feedparser", () => {
  it("are all there: the press releases, the contributions, one per theme", () => {
    expect(feeds).toEqual(
      ["presse/rss.xml", "contributions/rss.xml", ...themes.map((theme) => `themes/${theme.id}/rss.xml`)].sort(),
    );
  });

  it.each(feeds)("%s parses as RSS 2.0, names itself, and says when it last changed", (feed) => {
    const result = parsedFeed(feed);
    if (!result) throw new Error(`feedparser returned nothing for ${feed}`);
    expect(result.bozo, `feedparser's bozo flag: ${result.bozoException}`).toBe(false);
    expect(result.version).toBe("rss20");
    expect(result.selfLinks).toEqual([new URL(`/${feed}`, site).href]);
    expect(result.updated, `lastBuildDate « ${result.lastBuildDate} » does not parse`).not.toBeNull();
    // The newest item's date, or the consultation's opening for a feed with no item yet.
    const newest =
      result.published.length > 0
        ? Math.max(...result.published.map((time) => time ?? Number.NEGATIVE_INFINITY))
        : window.opensAt.getTime() / 1000;
    expect(result.updated).toBe(newest);
  });
});
