import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaticSite } from "../../src/server/http/static-site";
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
