export { pureConfig as default } from "@repo/eslint-config/pure";
