import { nextjsConfig } from "@repo/eslint-config/nextjs";

/**
 * Feature folders, lowest layer first. A feature imports only from `lib/` and from features of
 * lower layers, so features never form a cycle; features of one layer are peers and do not import
 * each other. `realtime` sits above markets and trading because the socket patches their caches
 * with their own reducers (`applyTick`, `prependClosed`); the chart and the terminal read it.
 * `api-keys` (its own page) needs only the session and toasts.
 */
const FEATURE_LAYERS = [["auth", "toasts"], ["markets", "api-keys"], ["trading"], ["realtime"], ["chart"], ["terminal"]];

const LAYERING = FEATURE_LAYERS.map((layer) => layer.join(" + ")).join(" → ");

/** An import of src/app/, by the `@/` alias or by a relative path. */
const APP_IMPORT = { regex: "^(@/|(\\.\\./)+)app(/|$)", message: "Only app/ composes features; nothing imports it." };

/** An import of one of `features`, by the alias, from a sibling folder (`../x`) or from further away. */
const featureImport = (features, message) => ({
  regex: `^(@/features/|(\\.\\./)+(features/)?)(${features.join("|")})(/|$)`,
  message,
});

const restrict = (files, patterns) => ({ files, rules: { "no-restricted-imports": ["error", { patterns }] } });

const layerRules = FEATURE_LAYERS.flatMap((layer, index) =>
  layer.map((feature) => {
    const banned = [...layer.filter((peer) => peer !== feature), ...FEATURE_LAYERS.slice(index + 1).flat()];
    const message = `features/${feature} may import only features of lower layers (${LAYERING}).`;
    return restrict([`src/features/${feature}/**`], banned.length > 0 ? [APP_IMPORT, featureImport(banned, message)] : [APP_IMPORT]);
  }),
);

export default [
  ...nextjsConfig,
  restrict(["src/lib/**"], [APP_IMPORT, { regex: "^(@/|(\\.\\./)+)features(/|$)", message: "lib/ is the bottom layer: it imports no feature." }]),
  ...layerRules,
];
