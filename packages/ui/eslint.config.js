export { reactConfig as default } from "@repo/eslint-config/react";
