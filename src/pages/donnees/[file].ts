import type { APIRoute, GetStaticPaths } from "astro";
import { DATA_PACKAGE_PATH, tablePaths } from "../../domain/open-data";
import { filesByName, loadOpenData, publishedTables } from "../../server/open-data";

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

export const GET: APIRoute = async ({ params, site }) => {
  const data = await loadOpenData(site ?? "http://localhost:4321");
  const file = filesByName(data).get(params.file ?? "");
  if (!file) return new Response("Fichier inconnu", { status: 404 });
  return new Response(file.content, { headers: { "Content-Type": file.contentType } });
};
