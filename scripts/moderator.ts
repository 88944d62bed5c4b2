/**
 * `npm run moderator -- <command>`: the named moderators.
 *
 *   add "Camille Martin"            a token of their own, printed once (embedded database, PostgreSQL)
 *   add "Camille Martin" --user ID  lists a Supabase Auth user as a moderator (Supabase)
 *   list                            who can moderate, revoked tokens included
 *   revoke ID                       the token stops working; the log keeps the name
 *
 * On the embedded database, stop `npm start` / `npm run dev` first: a PGlite
 * folder has one process at a time.
 */
import { parseArgs } from "node:util";
import { parseEnv } from "../src/server/env";
import { moderatorTokenDigest, newModeratorToken } from "../src/server/moderator-auth";
import { openStore } from "../src/server/store/open-store";
import type { Store } from "../src/server/store/store";

const usage = `Usage:
  npm run moderator -- add "Camille Martin"              (token sign-in: prints the token once)
  npm run moderator -- add "Camille Martin" --user <id>  (Supabase: an Auth user's id)
  npm run moderator -- list
  npm run moderator -- revoke <id>`;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { user: { type: "string" } } });
const [command, argument] = positionals;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (!command || !["add", "list", "revoke"].includes(command)) fail(usage);
const name = argument?.trim() ?? "";
if (command === "add" && (name.length < 1 || name.length > 80)) fail(`A name of 1 to 80 characters.\n${usage}`);
if (command === "revoke" && !uuid.test(argument ?? "")) fail(`The id printed by add or list.\n${usage}`);
if (values.user !== undefined && !uuid.test(values.user)) fail("--user takes a Supabase Auth user id (a UUID).");

const env = parseEnv();
const supabase = env.store.driver === "supabase";
if (command === "add" && supabase && !values.user) {
  fail("With Supabase, moderators sign in with Supabase Auth: create the user there, then pass its id with --user.");
}
if (command !== "add" && supabase) {
  fail("With Supabase, the moderators are the rows of public.moderators (Supabase's table editor).");
}

/** Runs the command; returns the error to print, if any. */
async function run(store: Store): Promise<string | undefined> {
  if (command === "add" && values.user) {
    const outcome = await store.addModerator({ userId: values.user, displayName: name });
    if (outcome === "no_such_user") return `No Supabase Auth user has the id ${values.user}.`;
    console.info(`${name} ${outcome === "added" ? "can now moderate" : "is the new name of that moderator"}.`);
  } else if (command === "add") {
    const token = newModeratorToken();
    const added = await store.addModeratorToken({ displayName: name, tokenHash: moderatorTokenDigest(token) });
    console.info(`${added.displayName} (id ${added.id}) signs in at /moderation/ with this token, shown only once:`);
    console.info(token);
  } else if (command === "list") {
    const moderators = await store.listModeratorTokens();
    if (moderators.length === 0) console.info("No named moderator yet (only the bootstrap token).");
    for (const m of moderators) {
      console.info(`${m.id}  ${m.displayName}  added ${m.createdAt}${m.revokedAt ? `  revoked ${m.revokedAt}` : ""}`);
    }
  } else if (await store.revokeModeratorToken(argument as string)) {
    console.info(`The token of ${argument} no longer works.`);
  } else {
    return `No named moderator has the id ${argument}.`;
  }
  return undefined;
}

const { store } = await openStore(env);
const error = await run(store).finally(() => store.close());
if (error) fail(error);
