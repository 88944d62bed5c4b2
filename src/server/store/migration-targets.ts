import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Sql, TransactionSql } from "postgres";
import type { MigrationTarget } from "./migrate";

/** MigrationTarget over PGlite. */
export function pgliteTarget(db: PGlite): MigrationTarget {
  const wrap = (runner: PGlite | Transaction) => ({
    exec: async (sql: string) => {
      await runner.exec(sql);
    },
    query: async <Row>(sql: string, params: unknown[] = []) => (await runner.query<Row>(sql, params)).rows,
  });
  return { ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))).then(() => undefined) };
}

/** MigrationTarget over postgres.js. */
export function postgresTarget(sql: Sql): MigrationTarget {
  const wrap = (runner: Sql | TransactionSql) => ({
    exec: async (text: string) => {
      // Without parameters postgres.js uses the simple protocol: several statements in one go.
      await runner.unsafe(text);
    },
    query: async <Row>(text: string, params: unknown[] = []) =>
      (await runner.unsafe(text, params as never[])) as unknown as Row[],
  });
  return {
    ...wrap(sql),
    transaction: async (fn) => {
      await sql.begin((tx) => fn(wrap(tx)));
    },
  };
}
