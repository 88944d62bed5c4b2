/**
 * Whether the built site is older than its sources, so that `npm start`
 * never serves pages that no longer match the tree. Folders count too: a
 * deleted page changes its folder's time, not any remaining file's.
 * Dependencies are not compared (after an upgrade, delete dist/).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { contentDir, projectRoot } from "../content-files";

/**
 * What the build reads, relative to the root it is asked about: src/, public/, the Astro config,
 * and the content folder (CONTENT_DIR), relative too when it is inside the project (the default,
 * src/content), so that a root other than the project (a test's fixture) is judged on its own
 * files; absolute when it lives elsewhere.
 */
const insideProject = relative(projectRoot, contentDir);
const sourceRoots = [
  "src",
  "public",
  "astro.config.mjs",
  insideProject.startsWith("..") || isAbsolute(insideProject) ? contentDir : insideProject,
];

async function modifiedTime(path: string): Promise<number | undefined> {
  return stat(path).then(
    (stats) => stats.mtimeMs,
    () => undefined,
  );
}

/** Every file and folder under the source roots, absolute; a root that does not exist adds nothing. */
async function sourcePaths(root: string): Promise<string[]> {
  const lists = await Promise.all(
    sourceRoots.map(async (name) => {
      const path = resolve(root, name);
      const below = await readdir(path, { recursive: true }).catch(() => []);
      return [path, ...below.map((entry) => join(path, entry))];
    }),
  );
  return lists.flat();
}

/**
 * The origin a built site names itself by (e.g. `http://localhost:4321`),
 * read from the sitemap line of its robots.txt (src/pages/robots.txt.ts);
 * undefined without one (a test fixture).
 */
export async function builtSiteOrigin(distDir: string): Promise<string | undefined> {
  const robots = await readFile(join(distDir, "robots.txt"), "utf8").catch(() => "");
  const sitemap = /^Sitemap: (\S+)$/m.exec(robots)?.[1];
  return sitemap && URL.canParse(sitemap) ? new URL(sitemap).origin : undefined;
}

/**
 * Why the site in `distDir` must be built before it is served, e.g.
 * "src/pages/index.astro is newer than dist/index.html"; undefined when it
 * is current. With `siteUrl`, a site built for another address (its
 * canonical links, sitemap and feeds naming another port) is stale too.
 */
export async function buildReason(distDir: string, root: string, siteUrl?: string): Promise<string | undefined> {
  const index = join(distDir, "index.html");
  const built = await modifiedTime(index);
  if (built === undefined) return `${relative(root, index)} is missing`;
  if (siteUrl !== undefined) {
    const builtFor = await builtSiteOrigin(distDir);
    const wanted = new URL(siteUrl).origin;
    if (builtFor !== undefined && builtFor !== wanted)
      return `${relative(root, distDir)} was built for ${builtFor}, not ${wanted}`;
  }
  for (const path of await sourcePaths(root)) {
    const modified = await modifiedTime(path);
    if (modified !== undefined && modified > built) {
      return `${relative(root, path)} is newer than ${relative(root, index)}`;
    }
  }
  return undefined;
}
