export { nextjsConfig as default } from "@repo/eslint-config/nextjs";
