// Next 16's middleware (renamed proxy): signed-out visitors of the app are sent to /login?next=…
// It only redirects; every page, handler and action checks the session (and role) again on the server.
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/auth.config";

const { auth } = NextAuth(authConfig);

export default auth((req) => {
  if (req.auth?.user) {
    // Pages re-check the session against MySQL; they need the path to send a revoked session back here.
    const headers = new Headers(req.headers);
    headers.set("x-pathname", `${req.nextUrl.pathname}${req.nextUrl.search}`);
    return NextResponse.next({ request: { headers } });
  }
  // The admin console does not exist for anyone but admins: signed-out visitors get the plain 404 page.
  if (req.nextUrl.pathname === "/admin" || req.nextUrl.pathname.startsWith("/admin/")) {
    return NextResponse.rewrite(new URL("/_tickpilot/not-found", req.nextUrl.origin));
  }
  const login = new URL("/login", req.nextUrl.origin);
  login.searchParams.set("next", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(login);
});

export const config = {
  matcher: ["/dashboard/:path*", "/admin/:path*", "/billing/:path*"],
};
