import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Internal packages are TypeScript source (architecture.md §2).
  transpilePackages: ["@repo/ui", "@repo/shared-types", "@repo/engine-core"],
  devIndicators: false,
  poweredByHeader: false,
};

export default nextConfig;
