import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./src/lib/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Internal packages are TypeScript source (architecture.md §2).
  transpilePackages: ["@repo/ui", "@repo/shared-types", "@repo/engine-core", "@repo/sdk"],
  devIndicators: false,
  poweredByHeader: false,
  // The Content-Security-Policy depends on the runtime API URL: src/proxy.ts sets it per request.
  headers: async () => [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }],
};

export default nextConfig;
