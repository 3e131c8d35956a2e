import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Type-checked base for every TypeScript package. `process.env` is read in exactly one place
 * per app (`src/env.ts`), so configuration is validated once at boot.
 */
export const baseConfig = tseslint.config(
  { ignores: ["**/dist/**", "**/.next/**", "**/node_modules/**", "**/reports/**", "**/*.config.*"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration only in src/env.ts (validated once at boot).",
        },
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message: "Never parse prices or money with parseFloat: use the exact decimal parsers.",
        },
      ],
    },
  },
  {
    // env.ts is where configuration is read; scripts, benches and tests set up processes.
    files: ["**/env.ts", "**/*.test.ts", "**/*.int.test.ts", "**/bench/**", "**/scripts/**", "e2e/**"],
    rules: { "no-restricted-syntax": "off" },
  },
);

export default baseConfig;
