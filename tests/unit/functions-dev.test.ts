import { afterEach, describe, expect, it } from "vitest";
import functionsDev from "../../src/integrations/functions-dev";

const liveKey = Symbol.for("consultation.livePages");
const registry = globalThis as typeof globalThis & { [liveKey]?: boolean };

type Hooks = ReturnType<typeof functionsDev>["hooks"];
type ConfigSetup = Parameters<NonNullable<Hooks["astro:config:setup"]>>[0];
type ServerSetup = Parameters<NonNullable<Hooks["astro:server:setup"]>>[0];

/** Runs the integration's two hooks as Astro would for one command. */
function run(command: "dev" | "build") {
  const hooks = functionsDev().hooks;
  const middlewares: unknown[] = [];
  const interruptsBefore = process.listeners("SIGINT");
  hooks["astro:config:setup"]?.({ command, updateConfig: () => ({}) } as unknown as ConfigSetup);
  hooks["astro:server:setup"]?.({
    server: { middlewares: { use: (handler: unknown) => middlewares.push(handler) } },
    logger: { info() {}, warn() {}, error() {} },
  } as unknown as ServerSetup);
  for (const listener of process.listeners("SIGINT")) {
    if (!interruptsBefore.includes(listener)) process.off("SIGINT", listener);
  }
  return { middlewares };
}

afterEach(() => {
  delete registry[liveKey];
});

describe("functions-dev integration", () => {
  it("serves the functions and renders pages live under astro dev", () => {
    const { middlewares } = run("dev");
    expect(middlewares).toHaveLength(1);
    expect(registry[liveKey]).toBe(true);
  });

  it("does nothing when Astro starts a server while it builds (npm start rebuilds for real)", () => {
    const { middlewares } = run("build");
    expect(middlewares).toHaveLength(0);
    expect(registry[liveKey]).toBeUndefined();
  });
});
