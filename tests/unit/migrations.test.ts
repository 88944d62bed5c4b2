/**
 * Each SQL function is defined once in supabase/migrations/, in the latest
 * migration that changed it: a reader finds its rules in one place. When a
 * function changes, its body moves to the new migration and the earlier one
 * keeps a comment (a database that applied the earlier file gets the new
 * body from the new one; a fresh database, the same end state).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const folder = join(import.meta.dirname, "../../supabase/migrations");

describe("migrations", () => {
  it("define each SQL function of the public schema exactly once", async () => {
    const definitions = new Map<string, string[]>();
    for (const file of (await readdir(folder)).filter((name) => name.endsWith(".sql")).sort()) {
      const sql = await readFile(join(folder, file), "utf8");
      for (const match of sql.matchAll(/create\s+(?:or\s+replace\s+)?function\s+public\.(\w+)/gi)) {
        const name = match[1] as string;
        definitions.set(name, [...(definitions.get(name) ?? []), file]);
      }
    }
    expect(definitions.size).toBeGreaterThan(15);
    const repeated = [...definitions].filter(([, files]) => files.length > 1);
    expect(repeated).toEqual([]);
  });
});
