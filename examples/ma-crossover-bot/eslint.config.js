export { baseConfig as default } from "@repo/eslint-config/base";
