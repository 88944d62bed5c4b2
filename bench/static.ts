/**
 * Reading pages from `npm start` (scripts/start.ts: the pages answered from
 * memory, in brotli or gzip, src/server/http/static-site.ts) against nginx
 * on the same folder, side by side: requests per second on the home page, a theme
 * page, the pages' CSS and the largest script, with a browser's
 * Accept-Encoding, the same load generator (wrk) for both; then the bytes of
 * the home page on the wire for each encoding. A third server, the floor,
 * is plain node:http answering npm start's own answers from memory: what
 * Node's HTTP server costs by itself, the most npm start could reach.
 *
 *   npx tsx bench/static.ts                   (3 rounds of 5 s per measure)
 *   BENCH_SHORT=1 npx tsx bench/static.ts     (1 round of 2 s)
 *   npx tsx bench/static.ts --site .builds/x  (another build; copied first)
 *
 * The site: `--site`, else dist/ when built, else a build of 200 generated
 * contributions (bench/build-site.ts). It is copied to .builds/ first, and
 * the copy gets the brotli and gzip copies of its text files
 * (precompressSite), which nginx's brotli_static and gzip_static read and
 * npm start reads too (it would otherwise compress in memory, the same
 * bytes): both send the same files.
 *
 * nginx runs with one worker, as npm start is one process, and with what a
 * static host sets: sendfile, open_file_cache, gzip_static and, when
 * Debian's libnginx-mod-http-brotli-static is installed, brotli_static; it
 * sends the same headers (the `/*` rule of _headers). wrk runs one thread:
 * on a two-core machine, one core for the server, one for the client.
 * Needs `apt-get install -y nginx libnginx-mod-http-brotli-static wrk`.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { cp, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { connect } from "node:net";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { precompressSite } from "../src/server/http/precompress";
import { builtSiteOrigin } from "../src/server/site-freshness";
import { describeReport, generateIntoFolder } from "./generate";
import { markFresh, projectRoot, removeScratch, runName, scratchFolders, startServer } from "./server";
import { printTable } from "./stats";

const { values } = parseArgs({ options: { site: { type: "string" }, short: { type: "boolean" } } });
const short = process.env.BENCH_SHORT === "1" || values.short === true;
const rounds = short ? 1 : 3;
const seconds = short ? 2 : 5;
const connections = 32;
const BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";
/** What a browser sends. */
const BROWSER_ENCODINGS = "gzip, deflate, br, zstd";

/** The path of a program on PATH (or in /usr/sbin, where Debian puts nginx), or undefined. */
function which(program: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/sbin"]) {
    try {
      execFileSync("test", ["-x", join(dir, program)]);
      return join(dir, program);
    } catch {}
  }
  return undefined;
}

const nginxBin = which("nginx");
const wrkBin = which("wrk");
if (!nginxBin || !wrkBin) {
  console.error(
    `[bench] ${[!nginxBin && "nginx", !wrkBin && "wrk"].filter(Boolean).join(" and ")} not found: apt-get install -y nginx libnginx-mod-http-brotli-static wrk`,
  );
  process.exit(1);
}
const brotliStatic = await stat(BROTLI_MODULE).then(
  () => true,
  () => false,
);

/** Runs bench/build-site.ts (one astro build from a database folder, in its own process). */
function buildFrom(dataDir: string, out: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(
      resolve(projectRoot, "node_modules/.bin/tsx"),
      ["bench/build-site.ts", "--data-dir", dataDir, "--out", out],
      { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk;
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("exit", (code) =>
      code === 0 ? done() : fail(new Error(`the build failed (exit ${code}):\n${output.slice(-3000)}`)),
    );
  });
}

const folders = scratchFolders(runName("bench-static"));
const scratch = join(folders.dataRoot, "nginx");
const sourceSite = values.site ? resolve(values.site) : resolve(projectRoot, "dist");
let origin: string;
if (await stat(join(sourceSite, "index.html")).catch(() => undefined)) {
  await cp(sourceSite, folders.buildDir, { recursive: true, preserveTimestamps: true });
  origin = relative(projectRoot, sourceSite) || sourceSite;
} else {
  console.log(`[bench] ${relative(projectRoot, sourceSite)} is not built: building 200 generated contributions`);
  console.log(`[bench] ${describeReport(await generateIntoFolder(folders.dataDir, { count: 200, reset: true }))}`);
  await buildFrom(folders.dataDir, folders.buildDir);
  await removeScratch(`${folders.buildDir}-cache`);
  origin = "a build of 200 generated contributions";
}
await markFresh(folders.buildDir);
const site = folders.buildDir;
const compressing = performance.now();
const copies = await precompressSite(site);
const compression = `compressed copies: ${copies.written} written for ${copies.files} files in ${((performance.now() - compressing) / 1000).toFixed(1)} s`;

/** The measured paths: the home page, a theme page, the home page's stylesheet and the largest script. */
async function chosenPaths(): Promise<{ label: string; path: string }[]> {
  const home = await readFile(join(site, "index.html"), "utf8");
  const css = /<link[^>]+rel="stylesheet"[^>]+href="([^"]+\.css)"/.exec(home)?.[1];
  const themes = await readdir(join(site, "themes"), { withFileTypes: true }).catch(() => []);
  const theme = themes.find((entry) => entry.isDirectory())?.name;
  const scripts = await Promise.all(
    (await readdir(join(site, "_astro")).catch(() => []))
      .filter((name) => name.endsWith(".js"))
      .map(async (name) => ({ name, size: (await stat(join(site, "_astro", name))).size })),
  );
  const script = scripts.sort((a, b) => b.size - a.size)[0]?.name;
  return [
    { label: "home", path: "/" },
    ...(theme ? [{ label: "theme page", path: `/themes/${theme}/` }] : []),
    ...(css ? [{ label: "CSS", path: css }] : []),
    ...(script ? [{ label: "largest script", path: `/_astro/${script}` }] : []),
  ];
}

/** The headers the `/*` rule of _headers gives every path, as scripts/start.ts sends them. */
async function siteHeaders(): Promise<[string, string][]> {
  const text = await readFile(join(site, "_headers"), "utf8").catch(() => "");
  const headers: [string, string][] = [];
  let current: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) current = line.trim();
    else if (current === "/*" && line.indexOf(":") > 0)
      headers.push([line.slice(0, line.indexOf(":")).trim(), line.slice(line.indexOf(":") + 1).trim()]);
  }
  return headers;
}

/** Starts nginx in the foreground over the site on `port`, with a configuration of its own under the scratch folder. */
async function startNginx(port: number): Promise<ChildProcess> {
  await mkdir(scratch, { recursive: true });
  const headers = (await siteHeaders()).map(([name, value]) => `      add_header ${name} "${value}" always;`);
  const config = join(scratch, "nginx.conf");
  await writeFile(
    config,
    `${brotliStatic ? `load_module ${BROTLI_MODULE};\n` : ""}worker_processes 1;
daemon off;
pid ${scratch}/nginx.pid;
error_log ${scratch}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  open_file_cache max=20000 inactive=60s;
  charset utf-8;
  charset_types text/css application/javascript application/json text/xml application/xml text/plain text/csv;
  client_body_temp_path ${scratch}/body;
  proxy_temp_path ${scratch}/proxy;
  fastcgi_temp_path ${scratch}/fastcgi;
  uwsgi_temp_path ${scratch}/uwsgi;
  scgi_temp_path ${scratch}/scgi;
  gzip_static on;
  gzip_vary on;
${brotliStatic ? "  brotli_static on;\n" : ""}  server {
    listen 127.0.0.1:${port};
    root ${site};
    index index.html;
    error_page 404 /404.html;
    location / {
${headers.join("\n")}
    }
  }
}
`,
  );
  const child = spawn(nginxBin as string, ["-p", scratch, "-c", config], { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors += chunk;
  });
  // Ready when it answers.
  for (let tries = 0; tries < 100; tries++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${errors}`);
    if (
      await fetch(`http://127.0.0.1:${port}/`).then(
        (answer) => answer.ok,
        () => false,
      )
    )
      return child;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`nginx did not answer on port ${port}: ${errors}`);
}

/** A free port on 127.0.0.1 (the system's pick, released at once). */
async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** wrk's requests per second on one URL, for `duration` seconds. */
function wrk(url: string, duration: number, encoding: string): number {
  const output = execFileSync(
    wrkBin as string,
    ["-t1", `-c${connections}`, `-d${duration}s`, "-H", `Accept-Encoding: ${encoding}`, url],
    { encoding: "utf8" },
  );
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output)?.[1];
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1];
  if (!rate || errors) throw new Error(`wrk on ${url}: ${output}`);
  return Number(rate);
}

interface Wire {
  status: number;
  encoding: string;
  /** Status line and headers, with their CRLFs. */
  head: number;
  body: number;
}

/** One GET over a fresh socket, counting every byte of the answer. */
function onTheWire(port: number, path: string, encoding: string | undefined): Promise<Wire> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${encoding ? `Accept-Encoding: ${encoding}\r\n` : ""}Connection: close\r\n\r\n`,
      );
    });
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", fail);
    socket.on("end", () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf("\r\n\r\n") + 4;
      const head = all.subarray(0, end).toString("latin1");
      done({
        status: Number(head.split(" ")[1]),
        encoding: /\r\ncontent-encoding:\s*(\S+)/i.exec(head)?.[1] ?? "identity",
        head: end,
        body: all.length - end,
      });
    });
  });
}

/** npm start's answer to a browser for `path`, headers and bytes as sent (for the floor server). */
function capture(port: number, path: string): Promise<{ headers: Record<string, string>; body: string }> {
  return new Promise((done, fail) => {
    request({ host: "127.0.0.1", port, path, headers: { "accept-encoding": BROWSER_ENCODINGS } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("error", fail);
      answer.on("end", () => {
        const {
          date: _date,
          connection: _connection,
          "keep-alive": _keepAlive,
          "transfer-encoding": _chunked,
          ...headers
        } = answer.headers;
        done({ headers: headers as Record<string, string>, body: Buffer.concat(chunks).toString("base64") });
      });
    })
      .on("error", fail)
      .end();
  });
}

/**
 * The floor: plain node:http answering each measured path with npm start's
 * own answer (headers and bytes) from memory, in a process of its own. What
 * Node's HTTP server costs by itself, whatever the handler does.
 */
async function startFloor(paths: string[]): Promise<{ child: ChildProcess; port: number }> {
  const answers = Object.fromEntries(
    await Promise.all(paths.map(async (path) => [path, await capture(node.port, path)])),
  );
  const file = join(scratch, "floor.json");
  await mkdir(scratch, { recursive: true });
  await writeFile(file, JSON.stringify(answers));
  const script = `
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
const answers = new Map(Object.entries(JSON.parse(readFileSync(process.argv[1], "utf8")))
  .map(([path, { headers, body }]) => [path, { headers, body: Buffer.from(body, "base64") }]));
const server = createServer((req, res) => {
  const answer = answers.get(req.url);
  if (answer) res.writeHead(200, answer.headers).end(answer.body);
  else res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => console.log("PORT " + server.address().port));
`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script, file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((ready, fail) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk;
      const found = /PORT (\d+)/.exec(output)?.[1];
      if (found) ready(Number(found));
    });
    child.once("exit", (code) => fail(new Error(`the floor server exited (${code})`)));
  });
  return { child, port };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

// The address the build names: npm start would rebuild a site built for another one.
const builtFor = await builtSiteOrigin(site);
const node = await startServer({
  ...(builtFor ? { SITE_URL: builtFor } : {}),
  DIST_DIR: site,
  PGLITE_DATA_DIR: folders.dataDir,
  MODERATOR_TOKEN: "jeton-de-moderation-mesure-0123456789",
});
let nginx: ChildProcess | undefined;
let floor: ChildProcess | undefined;
const rows: Record<string, string>[] = [];
const wireRows: Record<string, string>[] = [];
try {
  const nginxPort = await freePort();
  nginx = await startNginx(nginxPort);
  const paths = await chosenPaths();
  const started = await startFloor(paths.map(({ path }) => path));
  floor = started.child;
  const servers = [
    { name: "nginx", port: nginxPort },
    { name: "npm start", port: node.port },
    { name: "node:http floor", port: started.port },
  ];
  for (const { label, path } of paths) {
    const rates: Record<string, number[]> = Object.fromEntries(servers.map(({ name }) => [name, []]));
    for (const { port } of servers) wrk(`http://127.0.0.1:${port}${path}`, 1, BROWSER_ENCODINGS);
    for (let round = 0; round < rounds; round++) {
      // Alternated, so that a passing load on the machine weighs on all alike.
      for (const { name, port } of round % 2 === 0 ? servers : [...servers].reverse())
        rates[name]?.push(wrk(`http://127.0.0.1:${port}${path}`, seconds, BROWSER_ENCODINGS));
    }
    const wire = await onTheWire(node.port, path, BROWSER_ENCODINGS);
    const [ofNginx, ofNode, ofFloor] = servers.map(({ name }) => median(rates[name] ?? [])) as [number, number, number];
    rows.push({
      page: `${label} (${path.length > 32 ? `${path.slice(0, 29)}…` : path})`,
      "sent as (bytes)": `${wire.encoding} (${wire.body.toLocaleString("en")})`,
      "nginx req/s": ofNginx.toFixed(0),
      "npm start req/s": ofNode.toFixed(0),
      "floor req/s": ofFloor.toFixed(0),
      "npm start / nginx": (ofNode / ofNginx).toFixed(2),
      "npm start / floor": (ofNode / ofFloor).toFixed(2),
    });
  }
  for (const encoding of [undefined, "gzip", "br"]) {
    const row: Record<string, string> = { "home page, Accept-Encoding": encoding ?? "(none)" };
    for (const { name, port } of servers.slice(0, 2)) {
      const wire = await onTheWire(port, "/", encoding);
      if (wire.status !== 200) throw new Error(`${name} answered ${wire.status} for /`);
      row[`${name}: sent as`] = wire.encoding;
      row[`${name}: body bytes`] = wire.body.toLocaleString("en");
      row[`${name}: with headers`] = (wire.head + wire.body).toLocaleString("en");
    }
    wireRows.push(row);
  }
} finally {
  nginx?.kill("SIGQUIT");
  floor?.kill();
  const code = await node.stop();
  if (code !== 0) console.error(`[bench] the server stopped with code ${code}:\n${node.output().slice(-2000)}`);
  await removeScratch(folders.buildDir, folders.dataRoot);
}

// nginx -v writes to stderr.
const version = spawnSync(nginxBin, ["-v"], { encoding: "utf8" }).stderr.trim();
console.log(
  `\nReading pages: npm start against nginx (one worker, gzip_static${brotliStatic ? ", brotli_static" : ""}) on the same folder (${origin}), ` +
    `wrk, 1 thread, ${connections} connections, Accept-Encoding: ${BROWSER_ENCODINGS}, median of ${rounds} × ${seconds} s, Node ${process.version}` +
    `; ${compression}` +
    "\n",
);
printTable(rows);
console.log("\nThe home page on the wire, by Accept-Encoding\n");
printTable(wireRows);
if (version) console.log(`\n${version}`);
