import type { APIRoute, GetStaticPaths } from "astro";
import { DATA_PACKAGE_PATH, tablePaths } from "../../domain/open-data";
import {
  filesByName,
  loadOpenData,
  loadOpenDataSnapshot,
  type OpenDataFile,
  type OpenDataSnapshot,
  publishedTables,
} from "../../server/open-data";

/**
 * The open data files, written at build: for each table its CSV, its JSON
 * and its Table Schema (/donnees/contributions.csv, schema-initiatives.json…),
 * and the Data Package that lists them (/donnees/datapackage.json).
 */
export const getStaticPaths = (() =>
  publishedTables
    .flatMap((table) => Object.values(tablePaths(table)))
    .concat(DATA_PACKAGE_PATH)
    .map((path) => ({ params: { file: path.slice("/donnees/".length) } }))) satisfies GetStaticPaths;

/**
 * The files of one snapshot, made once for all of them: each file's request would otherwise write
 * every table again (the whole export, ten times a build). Keyed by the snapshot, as
 * loadOpenDataSnapshot keeps it: a rebuild, or the dev server's next request, reads afresh.
 */
const exports = new WeakMap<Promise<OpenDataSnapshot>, Map<string, Promise<Map<string, OpenDataFile>>>>();

function openDataFiles(site: URL | string): Promise<Map<string, OpenDataFile>> {
  const snapshot = loadOpenDataSnapshot();
  let bySite = exports.get(snapshot);
  if (!bySite) {
    bySite = new Map();
    exports.set(snapshot, bySite);
  }
  const key = String(site);
  let files = bySite.get(key);
  if (!files) {
    files = loadOpenData(site).then(filesByName);
    bySite.set(key, files);
    files.catch(() => bySite.delete(key));
  }
  return files;
}

export const GET: APIRoute = async ({ params, site }) => {
  const file = (await openDataFiles(site ?? "http://localhost:4321")).get(params.file ?? "");
  if (!file) return new Response("Fichier inconnu", { status: 404 });
  return new Response(file.content, { headers: { "Content-Type": file.contentType } });
};
