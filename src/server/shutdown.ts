/**
 * What must happen when a local server stops (`npm start` on SIGINT or
 * SIGTERM; `npm run dev` when its server closes: Ctrl-C, SIGTERM or a
 * restart, see src/integrations/functions-dev.ts): modules that hold
 * resources, such as the database store, register a hook to release them.
 *
 * The hooks live on `globalThis`, not in this module's scope: in the dev
 * server the functions (and the store they import) are evaluated by Vite's
 * SSR loader, which gives them their own copy of this module, distinct from
 * the one the integration imports from Node. A module-level list would split
 * in two and the dev server would never close the store.
 */

/** A hook run once when the server stops; may be async. */
export type ShutdownHook = () => void | Promise<void>;

const registryKey = Symbol.for("consultation.shutdownHooks");

function hooks(): ShutdownHook[] {
  const registry = globalThis as typeof globalThis & { [registryKey]?: ShutdownHook[] };
  registry[registryKey] ??= [];
  return registry[registryKey];
}

/** Registers a hook to run when the local server stops (e.g. closing the database store). */
export function registerShutdown(hook: ShutdownHook): void {
  hooks().push(hook);
}

/**
 * Runs every registered hook once, the last registered first (a module that
 * registers later may depend on one registered earlier, as a function on the
 * store), each awaited before the next. A failing hook is logged and the
 * others still run. Resolves to false if any hook failed.
 */
export async function runShutdown(): Promise<boolean> {
  const pending = hooks().splice(0).reverse();
  let ok = true;
  for (const hook of pending) {
    try {
      await hook();
    } catch (error) {
      ok = false;
      console.error("[shutdown] a shutdown hook failed:", error);
    }
  }
  return ok;
}
