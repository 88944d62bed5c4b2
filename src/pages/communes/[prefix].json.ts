import type { APIRoute, GetStaticPaths } from "astro";
import type { CommuneIndex } from "../../domain/territory";
import { communeIndexes } from "../../server/territory";

/**
 * One static file per two-digit postal code prefix (/communes/23.json,
 * /communes/20.json for Corsica, /communes/97.json overseas…), so the
 * browser form fetches the few kilobytes it needs from the CDN and never the
 * whole dataset. Built once, at build time.
 */
export const getStaticPaths = (() =>
  communeIndexes().map(({ prefix, communes }) => ({
    params: { prefix },
    props: { communes },
  }))) satisfies GetStaticPaths;

/** The communes of every postal code under one prefix; the shape is CommuneIndex (src/domain/territory.ts). */
export const GET: APIRoute<{ communes: CommuneIndex }> = ({ props }) =>
  new Response(JSON.stringify(props.communes), { headers: { "Content-Type": "application/json; charset=utf-8" } });
