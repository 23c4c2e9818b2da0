import "server-only";
// The one wrapper every route handler goes through (after dub's withWorkspace): it checks the origin and content
// type of state-changing requests, authenticates (session, status, role), applies the route's rate limit and plan
// requirement, validates params, query and body with zod, and maps every error to its HTTP answer. A handler
// holds only its own logic. tests/integration/route-wrapper.test.ts fails if a route file bypasses it.
import { z } from "zod";
import type { AdminActor } from "@/lib/admin/audit-action";
import { clientIp } from "@/lib/auth/client-ip";
import { hit, rateLimitedError } from "@/lib/auth/rate-limit";
import { requireApiAdmin, requireApiUser, type CurrentUser } from "@/lib/auth/session";
import { planFor, type PlanAccess } from "@/lib/billing/limits";
import { AppError } from "./errors";
import { errorResponse, readJson, readQuery } from "./handler";
import { assertContentType, assertSameOrigin, STATE_CHANGING, type Accepts } from "./request-guards";

type Auth = "public" | "user" | "admin";
type Schema = z.ZodType | undefined;
type Out<S extends Schema, Fallback> = S extends z.ZodType ? z.infer<S> : Fallback;

/** Options of one route; everything but `auth` is optional. */
export interface RouteOptions<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
> {
  /** JSON body schema: the parsed body is `ctx.body`; invalid → 400 naming the field, oversized → 413. */
  body?: B;
  maxBodyBytes?: number;
  /** Query string schema → `ctx.query`. */
  query?: Q;
  /** Route segment schema → `ctx.params`; a segment that does not fit is a 404 (no such thing). */
  params?: P;
  /** Content type of the body (default JSON; Auth.js reads forms; webhooks parse their own raw body). */
  accepts?: Accepts;
  /** Skip the same-origin check of state-changing requests (only for server-to-server callers, e.g. webhooks). */
  crossOrigin?: true;
  /** Count the request against `limit` per `windowSeconds`, per signed-in user (or per IP when public). */
  rateLimit?: { name: string; limit: number | (() => number); windowSeconds: number };
  /**
   * `cached`: the cheap session check for hot read routes that use only the user's id (lib/auth/session-cache.ts):
   * a suspended, logged-out or "logged out everywhere" user is still refused on the next request.
   */
  session?: "full" | "cached";
  /** Refuse (403 with the message) unless the user's current plan allows the route. */
  plan?: (access: PlanAccess) => string | null;
}

type Parsed<B extends Schema, Q extends Schema, P extends Schema> = {
  body: Out<B, undefined>;
  query: Out<Q, undefined>;
  params: Out<P, Record<string, string>>;
};
/** What a public handler gets: the request, its client IP, and the validated parts. */
export type PublicContext<B extends Schema, Q extends Schema, P extends Schema> = {
  req: Request;
  ip: string;
} & Parsed<B, Q, P>;
/** A signed-in user's handler also gets the user (checked against MySQL: active, current session). */
export type UserContext<B extends Schema, Q extends Schema, P extends Schema> = PublicContext<B, Q, P> & {
  user: CurrentUser;
};
/** An admin's handler also gets the audit actor (id and IP). */
export type AdminContext<B extends Schema, Q extends Schema, P extends Schema> = UserContext<B, Q, P> & {
  actor: AdminActor;
};

type NextContext = { params?: Promise<Record<string, string | string[]>> };
/** A handler as Next calls it, marked with its auth kind. */
export type RouteHandler = ((req: Request, ctx?: NextContext) => Promise<Response>) & { [ROUTE_AUTH]?: Auth };

/** Marks a wrapped handler with its auth kind; the route test reads it. */
export const ROUTE_AUTH = Symbol.for("tickpilot.route-auth");

function build<B extends Schema, Q extends Schema, P extends Schema, C>(
  auth: Auth,
  opts: RouteOptions<B, Q, P>,
  handler: (ctx: C) => Promise<Response>,
): RouteHandler {
  const wrapped: RouteHandler = async (req, nextCtx) => {
    try {
      if (STATE_CHANGING.has(req.method)) {
        if (!opts.crossOrigin) assertSameOrigin(req);
        assertContentType(req, opts.accepts ?? "json");
      }
      const ip = clientIp(req.headers);
      const user =
        auth === "admin"
          ? await requireApiAdmin()
          : auth === "user"
            ? await requireApiUser(opts.session)
            : null;
      if (opts.rateLimit) {
        const { name, limit, windowSeconds } = opts.rateLimit;
        const who = user ? `user:${user.id}` : `ip:${ip}`;
        const max = typeof limit === "function" ? limit() : limit;
        const r = await hit(`route:${name}:${who}`, max, windowSeconds);
        if (!r.ok) throw rateLimitedError(r.retryAfter);
      }
      if (opts.plan && user) {
        const refused = opts.plan(await planFor(user));
        if (refused) throw new AppError("forbidden", refused);
      }
      let params: unknown = (await nextCtx?.params) ?? {};
      if (opts.params) {
        const parsed = opts.params.safeParse(params);
        if (!parsed.success) throw new AppError("not_found", "Not found");
        params = parsed.data;
      }
      const query = opts.query ? readQuery(req, opts.query) : undefined;
      const body = opts.body ? await readJson(req, opts.body, opts.maxBodyBytes) : undefined;
      const actor = user ? { id: user.id, ip } : undefined;
      return await handler({ req, ip, body, query, params, user, actor } as C);
    } catch (err) {
      return errorResponse(err);
    }
  };
  wrapped[ROUTE_AUTH] = auth;
  return wrapped;
}

/** A route anyone may call (sign-up, health, metrics with its token, webhooks, Auth.js). */
export function withPublic<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
>(opts: RouteOptions<B, Q, P>, handler: (ctx: PublicContext<B, Q, P>) => Promise<Response>): RouteHandler {
  return build("public", opts, handler);
}

/** A route for a signed-in, active user with a current session; anyone else gets 401. */
export function withUser<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
>(opts: RouteOptions<B, Q, P>, handler: (ctx: UserContext<B, Q, P>) => Promise<Response>): RouteHandler {
  return build("user", opts, handler);
}

/** A route for admins only; anyone else (signed in or not) gets the 404 of a missing route. */
export function withAdmin<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
>(opts: RouteOptions<B, Q, P>, handler: (ctx: AdminContext<B, Q, P>) => Promise<Response>): RouteHandler {
  return build("admin", opts, handler);
}
