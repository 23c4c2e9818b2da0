// Next 16's middleware (renamed proxy), for every page (not the API or static files):
// - a fresh CSP nonce per response: the policy goes on the response, and on the request so Next nonces its own
//   inline scripts (pages read `x-nonce` for theirs);
// - signed-out visitors of the app are sent to /login?next=…, and /admin is a 404 for anyone but an admin.
// It only redirects; every page, handler and action checks the session (and role) again on the server.
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/auth.config";
import { contentSecurityPolicy, newNonce } from "@/lib/http/csp";

const { auth } = NextAuth(authConfig);

const PROTECTED = ["/dashboard", "/admin", "/billing"];
const isUnder = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

export default auth((req) => {
  const path = req.nextUrl.pathname;
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: req.headers.get("x-forwarded-proto") === "https",
  });
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const withCsp = (res: NextResponse) => {
    res.headers.set("Content-Security-Policy", csp);
    return res;
  };

  // The admin console does not exist for anyone but admins: others get the plain 404 page, with a 404 status
  // (the pages check the role in MySQL again; this only makes the answer an honest 404 before streaming starts).
  if (isUnder(path, "/admin") && req.auth?.role !== "admin") {
    return withCsp(
      NextResponse.rewrite(new URL("/_tickpilot/not-found", req.nextUrl.origin), {
        status: 404,
        request: { headers },
      }),
    );
  }
  if (PROTECTED.some((base) => isUnder(path, base))) {
    if (!req.auth?.user) {
      const login = new URL("/login", req.nextUrl.origin);
      login.searchParams.set("next", `${path}${req.nextUrl.search}`);
      return NextResponse.redirect(login);
    }
    // Pages re-check the session against MySQL; they need the path to send a revoked session back here.
    headers.set("x-pathname", `${path}${req.nextUrl.search}`);
  }
  return withCsp(NextResponse.next({ request: { headers } }));
});

export const config = {
  // Pages only: not the JSON API (wrapped on its own), Next's static assets or files with an extension.
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml)$).*)",
  ],
};
