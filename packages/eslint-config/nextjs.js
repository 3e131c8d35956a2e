import nextPlugin from "@next/eslint-plugin-next";
import { reactConfig } from "./react.js";

/** Next.js apps: React rules plus Next's core web vitals. */
export const nextjsConfig = [
  ...reactConfig,
  { ignores: ["next-env.d.ts", ".next/**"] },
  {
    plugins: { "@next/next": nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
    },
  },
];

export default nextjsConfig;
