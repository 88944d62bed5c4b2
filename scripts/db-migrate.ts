/**
 * `npm run db:migrate`: applies supabase/migrations to the PostgreSQL server
 * of DATABASE_URL (self-hosting). On Supabase, use `supabase db push`
 * instead; the embedded store migrates itself on first start.
 */
import postgres from "postgres";
import { consultation } from "../src/domain/consultation";
import { migrate } from "../src/server/store/migrate";
import { postgresTarget } from "../src/server/store/migration-targets";
import { supabaseDir } from "../src/server/store/open-store";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: give the postgres:// URL of the server to migrate.");
  process.exit(2);
}
const sql = postgres(url, { max: 1, onnotice: () => {} });
try {
  const report = await migrate(postgresTarget(sql), {
    supabaseDir,
    seed: process.argv.includes("--seed"),
    consultationId: consultation.id,
  });
  console.info(
    report.applied.length === 0
      ? "Database already up to date."
      : `Applied ${report.applied.length} migration(s): ${report.applied.join(", ")}${report.seeded ? " (and the seed)" : ""}`,
  );
} finally {
  await sql.end({ timeout: 5 });
}
