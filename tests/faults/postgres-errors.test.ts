/**
 * What a real PostgreSQL answers when its disk is full or it takes no
 * writes (SQLSTATE class 53, 25006): a StoreUnavailableError, so the API's
 * 503, like an unreachable server; any other error stays what it is. On a
 * stub of postgres.js: a server cannot be made to fill its disk here.
 */
import type { Sql } from "postgres";
import { describe, expect, it } from "vitest";
import { PostgresSqlPort } from "../../src/server/store/postgres-port";

/** A postgres.js whose every query fails with this SQLSTATE. */
function failingWith(code: string, message: string): PostgresSqlPort {
  const sql = {
    unsafe: () => Promise.reject(Object.assign(new Error(message), { code })),
    json: (value: unknown) => value,
  };
  return new PostgresSqlPort(sql as unknown as Sql);
}

describe("PostgreSQL refusing writes", () => {
  it.each([
    ["53100", 'could not extend file "base/16384/16385": No space left on device', "PostgreSQL's disk is full"],
    ["53200", "out of memory", "PostgreSQL lacks resources (SQLSTATE 53200)"],
    ["53300", "sorry, too many clients already", "PostgreSQL lacks resources (SQLSTATE 53300)"],
    ["25006", "cannot execute INSERT in a read-only transaction", "PostgreSQL is read-only"],
    ["ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432", "PostgreSQL is unreachable"],
  ])("%s is a StoreUnavailableError (503)", async (code, message, reason) => {
    await expect(failingWith(code, message).call("submit_contribution", {})).rejects.toMatchObject({
      name: "StoreUnavailableError",
      message: expect.stringContaining(reason),
    });
  });

  it("another error (a violated constraint) stays itself: a bug or a bad request, not an outage", async () => {
    await expect(failingWith("23505", "duplicate key").call("submit_contribution", {})).rejects.toMatchObject({
      code: "23505",
    });
  });
});
