import { PGlite } from "@electric-sql/pglite";
import { migrate } from "../../src/server/store/migrate";
import { pgliteTarget } from "../../src/server/store/migration-targets";
import { supabaseDir } from "../../src/server/store/open-store";
import { PgliteSqlPort } from "../../src/server/store/pglite-port";
import { Store } from "../../src/server/store/store";
import { describeChoiceContract } from "./choice-contract";
import { describeClockContract } from "./clock-contract";
import { describeCodingContract, pgliteCodingDatabase } from "./coding-contract";
import { describeFieldContract } from "./field-contract";
import { describeJournalContract } from "./journal-contract";
import { describeStoreContract } from "./store-contract";
import { describeSummaryContract } from "./summary-contract";
import { describeSummaryProperty } from "./summary-property";
import { describeTrackingContract, pgliteTrackingDatabase } from "./tracking-contract";

describeStoreContract("PGlite (embedded, in memory)", async () => {
  const db = await PGlite.create("memory://");
  await migrate(pgliteTarget(db), { supabaseDir });
  return {
    store: new Store(new PgliteSqlPort(db)),
    query: async (sql, params = []) => (await db.query(sql, params)).rows as never,
    asRole: async (role, fn) => {
      let result: Awaited<ReturnType<typeof fn>> | undefined;
      await db.transaction(async (tx) => {
        await tx.exec(`set local role ${role}`);
        result = await fn(async (sql, params = []) => (await tx.query(sql, params)).rows as never);
      });
      return result as Awaited<ReturnType<typeof fn>>;
    },
    migrateAgain: () => migrate(pgliteTarget(db), { supabaseDir }),
    close: () => db.close(),
  };
});

describeChoiceContract("PGlite (embedded, in memory)", async () => {
  const db = await PGlite.create("memory://");
  await migrate(pgliteTarget(db), { supabaseDir });
  return {
    store: new Store(new PgliteSqlPort(db)),
    query: async (sql, params = []) => (await db.query(sql, params)).rows as never,
    asRole: async (role, fn) => {
      let result: Awaited<ReturnType<typeof fn>> | undefined;
      await db.transaction(async (tx) => {
        await tx.exec(`set local role ${role}`);
        result = await fn(async (sql, params = []) => (await tx.query(sql, params)).rows as never);
      });
      return result as Awaited<ReturnType<typeof fn>>;
    },
    migrateAgain: () => migrate(pgliteTarget(db), { supabaseDir }),
    close: () => db.close(),
  };
});

describeSummaryContract("PGlite (embedded, in memory)", async () => {
  const db = await PGlite.create("memory://");
  await migrate(pgliteTarget(db), { supabaseDir });
  return {
    store: new Store(new PgliteSqlPort(db)),
    query: (sql) => db.exec(sql),
    close: () => db.close(),
  };
});

describeSummaryProperty("PGlite (embedded, in memory)", async () => {
  const db = await PGlite.create("memory://");
  await migrate(pgliteTarget(db), { supabaseDir });
  return {
    run: async (sql, params = []) => {
      // As service_role, the role production writes with.
      const rows: Record<string, unknown>[] = [];
      await db.transaction(async (tx) => {
        await tx.exec("set local role service_role");
        rows.push(...(await tx.query<Record<string, unknown>>(sql, params)).rows);
      });
      return rows;
    },
    owner: async (sql, params = []) => (await db.query<Record<string, unknown>>(sql, params)).rows,
    close: () => db.close(),
  };
});

describeClockContract("PGlite (embedded, in memory)", async () => {
  const db = await PGlite.create("memory://");
  await migrate(pgliteTarget(db), { supabaseDir });
  return {
    port: new PgliteSqlPort(db),
    query: async (sql, params = []) => (await db.query(sql, params)).rows as never,
    close: () => db.close(),
  };
});

describeJournalContract("PGlite (embedded, in memory)", async () => {
  const db = await PGlite.create("memory://");
  await migrate(pgliteTarget(db), { supabaseDir });
  return {
    store: new Store(new PgliteSqlPort(db)),
    query: async (sql, params = []) => (await db.query(sql, params)).rows as never,
    asRole: async (role, fn) => {
      let result: Awaited<ReturnType<typeof fn>> | undefined;
      await db.transaction(async (tx) => {
        await tx.exec(`set local role ${role}`);
        result = await fn(async (sql, params = []) => (await tx.query(sql, params)).rows as never);
      });
      return result as Awaited<ReturnType<typeof fn>>;
    },
    migrateAgain: () => migrate(pgliteTarget(db), { supabaseDir }),
    close: () => db.close(),
  };
});

describeCodingContract("PGlite (embedded, in memory, store as service_role)", pgliteCodingDatabase);

describeFieldContract("PGlite (embedded, in memory)", async () => {
  const db = await PGlite.create("memory://");
  await migrate(pgliteTarget(db), { supabaseDir });
  return {
    store: new Store(new PgliteSqlPort(db)),
    query: async (sql, params = []) => (await db.query(sql, params)).rows as never,
    asRole: async (role, fn) => {
      let result: Awaited<ReturnType<typeof fn>> | undefined;
      await db.transaction(async (tx) => {
        await tx.exec(`set local role ${role}`);
        result = await fn(async (sql, params = []) => (await tx.query(sql, params)).rows as never);
      });
      return result as Awaited<ReturnType<typeof fn>>;
    },
    migrateAgain: () => migrate(pgliteTarget(db), { supabaseDir }),
    close: () => db.close(),
  };
});

describeTrackingContract("PGlite (embedded, in memory, store as service_role)", pgliteTrackingDatabase);
