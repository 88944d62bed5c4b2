import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressSite } from "../../src/server/http/precompress";
import { createStaticSite, preferredEncoding } from "../../src/server/http/static-site";
import { buildReason, builtSiteOrigin } from "../../src/server/site-freshness";

const site = resolve("tests/fixtures/site");

describe("static site", () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    const serve = createStaticSite(site);
    server = createServer((req, res) => void serve(req, res));
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  });

  const get = (path: string, method = "GET") => fetch(`${origin}${path}`, { method, redirect: "manual" });

  it("serves pages as UTF-8 HTML, with an ETag", async () => {
    const home = await get("/");
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toBe("text/html;charset=utf-8");
    expect(home.headers.get("etag")).toBeTruthy();
    expect(await home.text()).toContain("Fixture home");
    expect(await (await get("/themes/")).text()).toContain("Fixture themes");
  });

  it("redirects a folder without its trailing slash to the slash form, query kept", async () => {
    const bare = await get("/themes");
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe("/themes/");
    expect((await get("/themes?theme=emploi")).headers.get("location")).toBe("/themes/?theme=emploi");
  });

  it("never redirects to another host", async () => {
    // Sent as is (a URL string would be normalised), "/.//themes" has the pathname
    // "//themes": a Location "//themes/" would send the browser to a host
    // named "themes".
    const answer = await new Promise<IncomingMessage>((resolve, reject) =>
      request({ host: "127.0.0.1", port: new URL(origin).port, path: "/.//themes" }, resolve)
        .on("error", reject)
        .end(),
    );
    answer.resume();
    expect(answer.statusCode).toBe(404);
    expect(answer.headers.location).toBeUndefined();
  });

  it("answers unknown paths with the site's 404 page and status 404", async () => {
    for (const path of ["/nowhere/", "/nowhere", "/themes/nowhere", "/%2e%2e/package.json", "/api/unknown"]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get("content-type"), path).toBe("text/html; charset=utf-8");
      expect(await answer.text(), path).toContain("Fixture 404");
    }
    expect((await get("/nowhere/", "HEAD")).status).toBe(404);
  });

  it("serves the calendar and the feed with their types, in UTF-8", async () => {
    const calendar = await get("/agenda.ics");
    expect(calendar.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await calendar.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect((await get("/presse/rss.xml")).headers.get("content-type")).toBe("application/xml; charset=utf-8");
  });
});

describe("static site, next to another folder with an index.html", () => {
  it("never redirects to a folder outside the site", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "static-"));
    await mkdir(join(scratch, "site"));
    await mkdir(join(scratch, "outside"));
    await writeFile(join(scratch, "site/404.html"), "Fixture 404");
    await writeFile(join(scratch, "outside/index.html"), "not part of the site");
    const serve = createStaticSite(join(scratch, "site"));
    const server = createServer((req, res) => void serve(req, res));
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ["/..%2Foutside", "/..%2foutside", "/%2e%2e%2Foutside"]) {
        const answer = await fetch(`${origin}${path}`, { redirect: "manual" });
        expect(answer.status, path).toBe(404);
      }
    } finally {
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

interface RawAnswer {
  status: number;
  headers: IncomingMessage["headers"];
  /** The bytes as sent, not decompressed (fetch would decompress them). */
  body: Buffer;
}

/** One request with Node's client, which leaves the body as it came. */
function raw(origin: string, path: string, headers: Record<string, string> = {}, method = "GET"): Promise<RawAnswer> {
  return new Promise((done, fail) => {
    request(`${origin}${path}`, { method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () =>
        done({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks) }),
      );
      answer.on("error", fail);
    })
      .on("error", fail)
      .end();
  });
}

/** The body of an answer, decompressed by its Content-Encoding. */
function decompress(answer: RawAnswer): string {
  const encoding = answer.headers["content-encoding"];
  const body =
    encoding === "br" ? brotliDecompressSync(answer.body) : encoding === "gzip" ? gunzipSync(answer.body) : answer.body;
  return body.toString("utf8");
}

describe("static site with compressed copies", () => {
  let scratch: string;
  let server: Server;
  let origin: string;
  /** French text well over the 1 KB threshold. */
  const page = `<!doctype html><html lang="fr"><title>Accueil</title><main>${"<p>Les tiers-lieux réinventent l'accès au numérique, à l'emploi et à la culture en zone rurale.</p>".repeat(40)}</main></html>\n`;
  const calendar = `BEGIN:VCALENDAR\r\n${"BEGIN:VEVENT\r\nSUMMARY:Réunion publique à Guéret\r\nEND:VEVENT\r\n".repeat(40)}END:VCALENDAR\r\n`;
  const css = `${"main p { margin: 0 0 1rem; line-height: 1.5; }\n".repeat(60)}`;
  const notFoundPage = `<!doctype html><title>Introuvable</title>${"<p>Cette page n'existe pas.</p>".repeat(60)}`;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "static-compressed-"));
    await mkdir(join(scratch, "themes"));
    await mkdir(join(scratch, "_astro"));
    await writeFile(join(scratch, "index.html"), page);
    await writeFile(join(scratch, "themes/index.html"), page.replace("Accueil", "Thèmes"));
    await writeFile(join(scratch, "agenda.ics"), calendar);
    await writeFile(join(scratch, "_astro/site.css"), css);
    await writeFile(join(scratch, "404.html"), notFoundPage);
    await writeFile(join(scratch, "robots.txt"), "User-agent: *\n");
    await writeFile(join(scratch, "_headers"), "/*\n  X-Frame-Options: DENY\n");
    await precompressSite(scratch);
    const serve = createStaticSite(scratch);
    server = createServer((req, res) => void serve(req, res));
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
    await rm(scratch, { recursive: true, force: true });
  });

  it("sends the brotli copy to a browser that accepts it, with its type, charset and the site's headers", async () => {
    for (const path of ["/", "/index.html"]) {
      const answer = await raw(origin, path, { "accept-encoding": "gzip, deflate, br, zstd" });
      expect(answer.status, path).toBe(200);
      expect(answer.headers["content-encoding"], path).toBe("br");
      expect(answer.headers.vary, path).toBe("Accept-Encoding");
      expect(answer.headers["content-type"], path).toBe("text/html;charset=utf-8");
      expect(answer.headers["x-frame-options"], path).toBe("DENY");
      expect(Number(answer.headers["content-length"]), path).toBe(answer.body.length);
      expect(answer.body.length, path).toBeLessThan(Buffer.byteLength(page) / 4);
      expect(brotliDecompressSync(answer.body).toString("utf8"), path).toBe(page);
    }
    const calendarAnswer = await raw(origin, "/agenda.ics", { "accept-encoding": "br" });
    expect(calendarAnswer.headers["content-encoding"]).toBe("br");
    expect(calendarAnswer.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(brotliDecompressSync(calendarAnswer.body).toString("utf8")).toBe(calendar);
  });

  it("sends the gzip copy to a client that accepts only gzip", async () => {
    for (const [path, text, type] of [
      ["/themes/", page.replace("Accueil", "Thèmes"), "text/html;charset=utf-8"],
      ["/_astro/site.css", css, "text/css"],
      ["/agenda.ics", calendar, "text/calendar; charset=utf-8"],
    ] as const) {
      const answer = await raw(origin, path, { "accept-encoding": "gzip" });
      expect(answer.status, path).toBe(200);
      expect(answer.headers["content-encoding"], path).toBe("gzip");
      expect(answer.headers.vary, path).toBe("Accept-Encoding");
      expect(answer.headers["content-type"], path).toBe(type);
      expect(gunzipSync(answer.body).toString("utf8"), path).toBe(text);
    }
  });

  it("sends the file itself to a client that accepts no encoding", async () => {
    for (const headers of [{}, { "accept-encoding": "identity" }]) {
      const answer = await raw(origin, "/", headers);
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBeUndefined();
      expect(answer.headers["content-type"]).toBe("text/html;charset=utf-8");
      expect(answer.body.toString("utf8")).toBe(page);
    }
  });

  it("answers from memory as sirv answers from disk, with the copies precompressSite wrote", async () => {
    // A range goes through sirv, which streams the file: the whole range, 206, has the same headers but two.
    const comparable = ({
      date: _date,
      connection: _connection,
      "keep-alive": _,
      "content-range": _range,
      "accept-ranges": _ranges,
      ...headers
    }: IncomingMessage["headers"]) => headers;
    for (const [path, encoding] of [
      ["/", "br"],
      ["/themes/", "gzip"],
      ["/agenda.ics", ""],
      ["/_astro/site.css", "br"],
    ] as const) {
      const headers = encoding ? { "accept-encoding": encoding } : {};
      const fromMemory = await raw(origin, path, headers);
      const fromSirv = await raw(origin, path, { ...headers, range: "bytes=0-" });
      expect(fromSirv.status, path).toBe(206);
      expect(comparable(fromMemory.headers), path).toEqual(comparable(fromSirv.headers));
      expect(fromMemory.body.equals(fromSirv.body), path).toBe(true);
    }
  });

  it("gives each encoding its own ETag, answered with 304 and the validators", async () => {
    const br = await raw(origin, "/", { "accept-encoding": "br" });
    const identity = await raw(origin, "/");
    const etag = br.headers.etag as string;
    expect(etag).toBeTruthy();
    expect(etag).not.toBe(identity.headers.etag);
    // Weak comparison, and a list of tags, as RFC 9110 reads If-None-Match.
    for (const ifNoneMatch of [etag, etag.replace(/^W\//, ""), `"other", ${etag}`, "*"]) {
      for (const method of ["GET", "HEAD"]) {
        const again = await raw(origin, "/", { "accept-encoding": "br", "if-none-match": ifNoneMatch }, method);
        expect(again.status, ifNoneMatch).toBe(304);
        expect(again.headers.etag, ifNoneMatch).toBe(etag);
        expect(again.headers.vary, ifNoneMatch).toBe("Accept-Encoding");
        expect(again.body.length, ifNoneMatch).toBe(0);
      }
    }
    // The identity's tag does not match the brotli answer, nor another tag.
    for (const ifNoneMatch of [identity.headers.etag as string, '"other"']) {
      const changed = await raw(origin, "/", { "accept-encoding": "br", "if-none-match": ifNoneMatch });
      expect(changed.status, ifNoneMatch).toBe(200);
      expect(changed.body.equals(br.body), ifNoneMatch).toBe(true);
    }
  });

  it("chooses the encoding by q-values, in memory and through sirv alike", async () => {
    for (const [acceptEncoding, expected] of [
      ["br;q=0, gzip", "gzip"],
      ["gzip;q=0.5, br;q=0.9", "br"],
      ["br;q=0.1, gzip;q=0.8", "gzip"],
      ["*", "br"],
      ["gzip, *;q=0", "gzip"],
      ["br;q=0, gzip;q=0", undefined],
      ["deflate, zstd", undefined],
    ] as const) {
      const whole = await raw(origin, "/agenda.ics", { "accept-encoding": acceptEncoding });
      expect(whole.headers["content-encoding"], acceptEncoding).toBe(expected);
      const ranged = await raw(origin, "/agenda.ics", { "accept-encoding": acceptEncoding, range: "bytes=0-9" });
      expect(ranged.status, acceptEncoding).toBe(206);
      expect(ranged.headers["content-encoding"], acceptEncoding).toBe(expected);
      expect(ranged.body.equals(whole.body.subarray(0, 10)), acceptEncoding).toBe(true);
    }
  });

  it("answers HEAD with the copy's length and no body", async () => {
    const br = await raw(origin, "/", { "accept-encoding": "br" });
    const head = await raw(origin, "/", { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.headers["content-length"]).toBe(String(br.body.length));
    expect(head.body.length).toBe(0);
  });

  it("serves ranges of the representation asked for", async () => {
    const plain = await raw(origin, "/agenda.ics", { range: "bytes=0-14" });
    expect(plain.status).toBe(206);
    expect(plain.headers["content-range"]).toBe(`bytes 0-14/${Buffer.byteLength(calendar)}`);
    expect(plain.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(plain.body.toString("utf8")).toBe("BEGIN:VCALENDAR");
    const br = await raw(origin, "/agenda.ics", { "accept-encoding": "br" });
    const ranged = await raw(origin, "/agenda.ics", { "accept-encoding": "br", range: "bytes=0-9" });
    expect(ranged.status).toBe(206);
    expect(ranged.headers["content-encoding"]).toBe("br");
    expect(ranged.body.equals(br.body.subarray(0, 10))).toBe(true);
  });

  it("still answers unknown paths, and the copies' own names, with the 404 page", async () => {
    for (const path of ["/nowhere/", "/index.html.br", "/index.html.gz", "/index%2Ehtml.br", "/_astro/site.css.gz"]) {
      for (const encoding of ["br", "gzip", ""]) {
        const answer = await raw(origin, path, encoding ? { "accept-encoding": encoding } : {});
        expect(answer.status, `${path} ${encoding}`).toBe(404);
        expect(answer.headers["content-type"], path).toBe("text/html; charset=utf-8");
        expect(answer.headers["x-frame-options"], path).toBe("DENY");
        // The 404 page is compressed like any page.
        expect(answer.headers["content-encoding"], `${path} ${encoding}`).toBe(encoding || undefined);
        expect(answer.headers.vary, path).toBe("Accept-Encoding");
        expect(answer.headers.etag, path).toBeUndefined();
        expect(decompress(answer), `${path} ${encoding}`).toBe(notFoundPage);
      }
    }
  });
});

describe("static site without compressed copies", () => {
  let scratch: string;
  let server: Server;
  let origin: string;
  const page = `<!doctype html><html lang="fr"><title>Accueil</title>${"<p>Un tiers-lieu près de chez vous, à Aubusson.</p>".repeat(60)}</html>\n`;
  const notFoundPage = `<!doctype html><title>Introuvable</title>${"<p>Cette page n'existe pas.</p>".repeat(60)}`;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "static-lazy-"));
    await writeFile(join(scratch, "index.html"), page);
    await writeFile(join(scratch, "404.html"), notFoundPage);
    const serve = createStaticSite(scratch);
    server = createServer((req, res) => void serve(req, res));
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
    await rm(scratch, { recursive: true, force: true });
  });

  it("compresses the pages and the 404 page in memory on first request, writing nothing", async () => {
    for (const encoding of ["br", "gzip"]) {
      // Twice: the first answer is loaded, the second comes from the path already kept.
      for (const round of [1, 2]) {
        const home = await raw(origin, "/", { "accept-encoding": encoding });
        expect(home.headers["content-encoding"], `${encoding} ${round}`).toBe(encoding);
        expect(Number(home.headers["content-length"])).toBe(home.body.length);
        expect(home.body.length).toBeLessThan(Buffer.byteLength(page) / 4);
        expect(decompress(home), `${encoding} ${round}`).toBe(page);
        const missing = await raw(origin, "/nowhere", { "accept-encoding": encoding });
        expect(missing.status).toBe(404);
        expect(missing.headers["content-encoding"]).toBe(encoding);
        expect(decompress(missing)).toBe(notFoundPage);
      }
    }
    expect((await readdir(scratch)).sort()).toEqual(["404.html", "index.html"]);
  });

  it("gives an encoding made in memory the ETag its copy would have", async () => {
    const br = await raw(origin, "/", { "accept-encoding": "br" });
    const { mtime } = await stat(join(scratch, "index.html"));
    expect(br.headers.etag).toBe(`W/"${br.body.length}-${mtime.getTime()}"`);
    const again = await raw(origin, "/?utm=1", { "accept-encoding": "br", "if-none-match": br.headers.etag as string });
    expect(again.status).toBe(304);
  });
});

describe("preferredEncoding", () => {
  it("takes the accepted encoding with the higher q-value, brotli on a tie, none for q=0", () => {
    expect(preferredEncoding(undefined)).toBe("identity");
    expect(preferredEncoding("")).toBe("identity");
    expect(preferredEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(preferredEncoding("GZIP")).toBe("gzip");
    expect(preferredEncoding("x-gzip")).toBe("gzip");
    expect(preferredEncoding("br;q=0.5, gzip;q=0.6")).toBe("gzip");
    expect(preferredEncoding("br ; q=0, gzip")).toBe("gzip");
    expect(preferredEncoding("br;q=0, gzip;q=0, identity")).toBe("identity");
    expect(preferredEncoding("*;q=0.2, br;q=0.1")).toBe("gzip");
    expect(preferredEncoding("br;q=abc")).toBe("identity");
  });
});

describe("precompressSite", () => {
  let scratch: string;
  const big = (word: string) => `<!doctype html><p>${`${word} `.repeat(400)}</p>\n`;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "precompress-"));
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  const files = async () => (await readdir(scratch, { recursive: true })).sort();

  it("writes brotli and gzip copies of the text files over 1 KB only", async () => {
    await mkdir(join(scratch, "page"));
    await writeFile(join(scratch, "page/index.html"), big("contribution"));
    await writeFile(join(scratch, "data.json"), JSON.stringify({ items: Array(200).fill("tiers-lieu") }));
    await writeFile(join(scratch, "small.html"), "<p>court</p>");
    await writeFile(join(scratch, "image.png"), Buffer.alloc(4096, 7));
    expect(await precompressSite(scratch)).toEqual({ files: 2, written: 4, removed: 0 });
    expect(await files()).toEqual([
      "data.json",
      "data.json.br",
      "data.json.gz",
      "image.png",
      "page",
      "page/index.html",
      "page/index.html.br",
      "page/index.html.gz",
      "small.html",
    ]);
    const source = await stat(join(scratch, "page/index.html"));
    expect(Math.abs((await stat(join(scratch, "page/index.html.br"))).mtimeMs - source.mtimeMs)).toBeLessThan(1);
  });

  it("keeps the copies of unchanged files, rewrites those of changed ones and removes orphans and leftovers", async () => {
    expect(await precompressSite(scratch)).toEqual({ files: 2, written: 0, removed: 0 });
    await writeFile(join(scratch, "page/index.html"), big("initiative"));
    await rm(join(scratch, "data.json"));
    await writeFile(join(scratch, "page/index.html.br.4242.tmp"), "half");
    expect(await precompressSite(scratch)).toEqual({ files: 1, written: 2, removed: 3 });
    expect(brotliDecompressSync(await readFile(join(scratch, "page/index.html.br"))).toString()).toBe(
      big("initiative"),
    );
    expect(gunzipSync(await readFile(join(scratch, "page/index.html.gz"))).toString()).toBe(big("initiative"));
    expect(await files()).toEqual([
      "image.png",
      "page",
      "page/index.html",
      "page/index.html.br",
      "page/index.html.gz",
      "small.html",
    ]);
  });

  it('with only: "streamed", writes the copies of the files over 1 MB alone and leaves the others', async () => {
    await writeFile(join(scratch, "large.json"), JSON.stringify({ items: Array(120_000).fill("tiers-lieu") }));
    await writeFile(join(scratch, "medium.json"), JSON.stringify({ items: Array(200).fill("tiers-lieu") }));
    expect(await precompressSite(scratch, { only: "streamed" })).toEqual({ files: 1, written: 2, removed: 0 });
    const names = await files();
    expect(names).toContain("large.json.br");
    expect(names).toContain("large.json.gz");
    expect(names).not.toContain("medium.json.br");
    // The copies of the smaller files that a full run wrote are kept.
    expect(names).toContain("page/index.html.br");
  });
});

describe("whether the site must be built", () => {
  let root: string;
  const day = 24 * 60 * 60;
  const now = Math.floor(Date.now() / 1000);

  /** Gives a path the modification time `age` seconds ago. */
  const age = (path: string, seconds: number) => utimes(join(root, path), now - seconds, now - seconds);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "site-"));
    await mkdir(join(root, "src/pages/themes"), { recursive: true });
    await mkdir(join(root, "public"));
    await writeFile(join(root, "src/pages/themes/index.astro"), "---\n---\n");
    await writeFile(join(root, "public/favicon.svg"), "<svg/>");
    await writeFile(join(root, "astro.config.mjs"), "export default {};\n");
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const sourcesAged = async (seconds: number) => {
    for (const path of [
      "src",
      "src/pages",
      "src/pages/themes",
      "src/pages/themes/index.astro",
      "public",
      "public/favicon.svg",
      "astro.config.mjs",
    ]) {
      await age(path, seconds);
    }
  };

  it("when the build is missing", async () => {
    expect(await buildReason(join(root, "dist"), root)).toBe("dist/index.html is missing");
  });

  it("not when every source is older than the build", async () => {
    await mkdir(join(root, "dist"), { recursive: true });
    await writeFile(join(root, "dist/index.html"), "<!doctype html>");
    await sourcesAged(2 * day);
    await age("dist/index.html", day);
    expect(await buildReason(join(root, "dist"), root)).toBeUndefined();
  });

  it("when a source file is newer, naming it", async () => {
    await sourcesAged(2 * day);
    await age("dist/index.html", day);
    await age("src/pages/themes/index.astro", 60);
    expect(await buildReason(join(root, "dist"), root)).toBe(
      "src/pages/themes/index.astro is newer than dist/index.html",
    );
    await sourcesAged(2 * day);
    await age("astro.config.mjs", 60);
    expect(await buildReason(join(root, "dist"), root)).toBe("astro.config.mjs is newer than dist/index.html");
  });

  it("when a file was deleted (its folder is newer)", async () => {
    await sourcesAged(2 * day);
    await age("dist/index.html", day);
    await age("public", 60);
    expect(await buildReason(join(root, "dist"), root)).toBe("public is newer than dist/index.html");
  });

  it("when it was built for another address (its robots.txt names the sitemap on another origin)", async () => {
    await sourcesAged(2 * day);
    await age("dist/index.html", day);
    await writeFile(
      join(root, "dist/robots.txt"),
      "User-agent: *\n\nSitemap: http://localhost:4321/sitemap-index.xml\n",
    );
    expect(await builtSiteOrigin(join(root, "dist"))).toBe("http://localhost:4321");
    expect(await buildReason(join(root, "dist"), root, "http://localhost:4400")).toBe(
      "dist was built for http://localhost:4321, not http://localhost:4400",
    );
    expect(await buildReason(join(root, "dist"), root, "http://localhost:4321/")).toBeUndefined();
    // Without a site URL to compare with, or without robots.txt (a fixture), only the times count.
    expect(await buildReason(join(root, "dist"), root)).toBeUndefined();
    await rm(join(root, "dist/robots.txt"));
    expect(await buildReason(join(root, "dist"), root, "http://localhost:4400")).toBeUndefined();
  });
});
