import { NextResponse } from "next/server";
import { isDevServer, readWebEnv } from "@/env";
import { contentSecurityPolicy } from "@/lib/security-headers";

/**
 * The CSP is set per request (not in next.config's headers(), which are fixed at build time) so
 * its connect-src follows NEXT_PUBLIC_API_URL of the running server, as the page itself does.
 */
export function proxy(): NextResponse {
  const response = NextResponse.next();
  response.headers.set("Content-Security-Policy", contentSecurityPolicy(readWebEnv().NEXT_PUBLIC_API_URL, isDevServer()));
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
