/**
 * A cited author contests how a synthesis summarises them: POST
 * /api/contributions/:id/flags with the reason « misrepresented ». The flag
 * reaches the moderators' queue of open flags, but never counts towards
 * the threshold that sends a contribution back to review; an abuse flag
 * still does.
 */
import { describe, expect, it } from "vitest";
import contributions from "../../netlify/functions/contributions";
import flags from "../../netlify/functions/flags";
import { flagReasons } from "../../src/domain/contribution.schema";
import { provideStore } from "../../src/server/store/open-store";
import { answer, fakeContext, jsonRequest, memoryStore } from "../support/pglite-store";

const token = () => crypto.randomUUID().replace(/-/g, "");

describe("a contested summary (flag reason « misrepresented »)", () => {
  it("is recorded and queued for the moderators, without taking the contribution off the site", async () => {
    // One network is enough to send a contribution back to review here.
    const { db, store, opened } = await memoryStore({ flag_networks_for_review: 1, flag_max: 1000 });
    provideStore(opened);
    const { id } = await (await contributions(jsonRequest("/api/contributions", answer()), fakeContext())).json();
    await store.moderate({ subjectType: "contribution", ids: [id], decision: "publish", actor: "test" });
    const status = async () =>
      (await db.query<{ status: string }>("select status from public.contributions where id = $1", [id])).rows[0]
        ?.status;
    const flag = (reason: string, ip: string) =>
      flags(
        jsonRequest(`/api/contributions/${id}/flags`, {
          reason,
          details: "Je n'ai pas dit cela.",
          voterToken: token(),
        }),
        fakeContext({ id }, ip),
      );

    expect(flagReasons.misrepresented).toBe("Ma contribution est mal résumée dans la synthèse");
    for (const ip of ["203.0.113.1", "198.51.100.2", "192.0.2.3"]) {
      expect((await flag("misrepresented", ip)).status).toBe(201);
    }
    expect(await status()).toBe("published");
    const queued = await store.moderationQueue({ subjectType: "contribution", status: "flagged", limit: 10 });
    expect(queued.map((item) => [item.id, "flag_reasons" in item ? item.flag_reasons : []])).toEqual([
      [id, ["misrepresented"]],
    ]);

    // An abuse flag still counts.
    expect((await flag("insulting", "203.0.113.9")).status).toBe(201);
    expect(await status()).toBe("pending");
    await store.close();
  });
});
