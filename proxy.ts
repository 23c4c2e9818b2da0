// Next 16's middleware (renamed proxy): signed-out visitors of the app are sent to /login?next=…
// It only redirects; every page, handler and action checks the session (and role) again on the server.
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/auth.config";

const { auth } = NextAuth(authConfig);

export default auth((req) => {
  const path = req.nextUrl.pathname;
  // The admin console does not exist for anyone but admins: others get the plain 404 page, with a 404 status
  // (the pages check the role in MySQL again; this only makes the answer an honest 404 before streaming starts).
  if ((path === "/admin" || path.startsWith("/admin/")) && req.auth?.role !== "admin") {
    return NextResponse.rewrite(new URL("/_tickpilot/not-found", req.nextUrl.origin), { status: 404 });
  }
  if (req.auth?.user) {
    // Pages re-check the session against MySQL; they need the path to send a revoked session back here.
    const headers = new Headers(req.headers);
    headers.set("x-pathname", `${req.nextUrl.pathname}${req.nextUrl.search}`);
    return NextResponse.next({ request: { headers } });
  }
  const login = new URL("/login", req.nextUrl.origin);
  login.searchParams.set("next", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(login);
});

export const config = {
  matcher: ["/dashboard/:path*", "/admin/:path*", "/billing/:path*"],
};
