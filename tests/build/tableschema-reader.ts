/**
 * A CSV file read against its Table Schema by tableschema-js, the
 * frictionless JavaScript library (npm `tableschema`), as a reuser would
 * read it: the schema loaded in strict mode (an invalid descriptor throws),
 * the byte order mark dropped (csv-parse's `bom` option, as the Data Package
 * says), every row cast with the schema's types, formats and constraints,
 * uniqueness and the primary key checked, and foreign keys to the table
 * itself (resource "") resolved.
 *
 * The library's bundled typings declare Schema.load and Table#read
 * synchronous; both return promises, hence the casts below.
 */
import { Readable } from "node:stream";
import { Schema, Table, TableSchemaError } from "tableschema";

/** The header as the library read it, the rows read (refused ones included), one message per problem (« row 3: … »). */
export interface TableschemaReport {
  headers: string[];
  rows: number;
  errors: string[];
}

/** `schema`: a descriptor, or the path of a schema file. */
export async function readWithTableschema(csv: string, schema: string | object): Promise<TableschemaReport> {
  const load = async () =>
    Table.load(() => Readable.from([csv]), {
      schema: await (Schema.load(schema, { strict: true }) as unknown as Promise<Schema>),
      bom: true,
      delimiter: ",",
    });
  const read = async (table: Table, options: { keyed?: boolean; relations?: object }) =>
    (await (table.read({ cast: true, forceCast: true, ...options }) as unknown as Promise<unknown[]>)) ?? [];

  // First pass: the rows the foreign keys point to.
  const keyed = (await read(await load(), { keyed: true })).filter((row) => !(row instanceof Error));
  const table = await load();
  const rows = await read(table, { relations: { "": keyed } });
  const errors = rows.flatMap((row) => {
    if (!(row instanceof TableSchemaError)) return [];
    const details = row.errors.length > 0 ? row.errors.map((error) => error.message) : [row.message];
    return details.map((detail) => `row ${row.rowNumber ?? "?"}: ${detail}`);
  });
  return { headers: table.headers, rows: rows.length, errors };
}

/** The schema file at `path` loads in strict mode, or this throws with the library's reasons. */
export async function loadSchemaStrictly(path: string): Promise<Schema> {
  return Schema.load(path, { strict: true }) as unknown as Promise<Schema>;
}
