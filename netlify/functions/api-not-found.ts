import { apiHandler } from "../../src/server/http/api-handler";
import { apiErrors } from "../../src/server/http/api-response";

/**
 * Any /api/ path no other function claims: the API's JSON 404, where the
 * site's HTML 404 page would otherwise answer a client expecting JSON. It
 * has no `config.path`: netlify.toml rewrites `/api/*` to it, a rule Netlify
 * applies only once no function's `config.path` (nor a static file)
 * matched, so it never shadows a route. Netlify documents no order between
 * two functions whose paths overlap, so a catch-all `config.path` could.
 * The local servers run it in the same place (API_FALLBACK in
 * src/server/http/function-router.ts).
 */
export default apiHandler(async () => apiErrors.unknownRoute());
