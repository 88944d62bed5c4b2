/**
 * Serves the Netlify Functions inside `astro dev`, so that `npm run dev`
 * answers `/api/...` with no Netlify CLI and no account. Functions load
 * through Vite on each API request: an edit to a function, or to anything it
 * imports, applies to the next request without a restart. Unknown `/api/`
 * paths get the API's JSON 404 (netlify/functions/api-not-found.ts), as on
 * Netlify; other paths fall through to Astro.
 *
 * Reads FUNCTIONS_DIR and TRUST_PROXY like `npm start` (src/server/http/local-server-env.ts).
 * When the dev server closes (Ctrl-C, SIGTERM, or a restart after a config
 * change), it runs the shutdown hooks (src/server/shutdown.ts), which close
 * the database store: a restarted server must not open the store's data
 * folder while the previous one still holds it.
 */

import type { AstroIntegration } from "astro";
import { importWithVite, loadFunctions } from "../server/http/function-loader";
import {
  API_PREFIX,
  createFunctionRouter,
  type FunctionRouter,
  type FunctionSource,
  internalErrorResponse,
} from "../server/http/function-router";
import { functionsDirFromEnv, trustProxyFromEnv } from "../server/http/local-server-env";
import { sendWebResponse, serveFunctions } from "../server/http/node-http";
import { moderationAccess } from "../server/moderator-auth";
import { markPagesLive } from "../server/rebuild";
import { runShutdown } from "../server/shutdown";

/** The Astro integration; add it to `integrations` in astro.config.mjs. */
export default function functionsDev(): AstroIntegration {
  // Astro may also start a Vite server while it builds (content sync, with
  // NODE_ENV other than production): only `astro dev` serves the functions
  // and renders pages live.
  let isDevServer = false;
  return {
    name: "functions-dev",
    hooks: {
      "astro:config:setup": ({ command, updateConfig }) => {
        isDevServer = command === "dev";
        if (!isDevServer) return;
        updateConfig({
          vite: {
            plugins: [
              {
                name: "functions-dev:shutdown",
                // Vite runs buildEnd once as its dev server closes, whatever
                // closes it: its own SIGTERM handler, Astro's restart, or
                // the SIGINT handler below. (astro:server:done only fires
                // when Astro closes it, to restart.)
                buildEnd: async () => {
                  await runShutdown();
                },
              },
            ],
          },
        });
      },
      "astro:server:setup": ({ server, logger }) => {
        if (!isDevServer) return;
        // Pages render from the store on each request: publications need no rebuild here.
        markPagesLive();
        server.httpServer?.once("listening", () => {
          const address = server.httpServer?.address();
          const port = typeof address === "object" && address ? address.port : 4321;
          moderationAccess(`http://localhost:${port}`).then(
            (line) => logger.info(line),
            (error: unknown) => logger.warn(`moderation is not available: ${(error as Error).message}`),
          );
        });
        const functionsDir = functionsDirFromEnv();
        const trust = { trustProxy: trustProxyFromEnv() };
        const importer = importWithVite(server);

        // Vite hands back the same module objects until a file changes:
        // keeping the router for them saves recompiling the routes, and
        // repeating their warnings, on every request.
        let current: { sources: FunctionSource[]; router: FunctionRouter } | undefined;
        const routerFor = (sources: FunctionSource[]): FunctionRouter => {
          const unchanged =
            current?.sources.length === sources.length &&
            sources.every((source, index) => source.module === current?.sources[index]?.module);
          if (!current || !unchanged) {
            current = { sources, router: createFunctionRouter(sources, (message) => logger.warn(message)) };
          }
          return current.router;
        };

        server.middlewares.use((req, res, next) => {
          if (!req.url?.startsWith(API_PREFIX)) {
            next();
            return;
          }
          const serve = async () => {
            let router: FunctionRouter;
            try {
              router = routerFor(await loadFunctions(functionsDir, importer));
            } catch (error) {
              // A function that does not load (syntax error, invalid config)
              // answers like one that throws, and the reason is in the terminal.
              logger.error(error instanceof Error ? error.message : String(error));
              await sendWebResponse(res, internalErrorResponse());
              return;
            }
            if (!(await serveFunctions(req, res, router, trust))) next();
          };
          serve().catch((error: unknown) => {
            logger.error(`${req.method} ${req.url}: the response could not be sent: ${String(error)}`);
            res.destroy();
          });
        });

        // Vite closes its server on SIGTERM, but Ctrl-C would end the process
        // outright, the store's data folder still open: close first. A second
        // Ctrl-C, with this listener gone, still ends it at once.
        const onInterrupt = () => {
          void server.close().finally(() => process.exit(130));
        };
        process.once("SIGINT", onInterrupt);
        server.httpServer?.once("close", () => process.off("SIGINT", onInterrupt));
      },
    },
  };
}
