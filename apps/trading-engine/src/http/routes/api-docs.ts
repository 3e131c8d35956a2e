import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { FastifyPluginCallback } from "fastify";
import { z } from "zod";
import { buildOpenApi } from "../openapi/build-openapi";

const require = createRequire(import.meta.url);

/** The Swagger UI files the page loads, served by the engine itself so /docs works offline. */
const ASSETS: Record<string, { file: string; type: string }> = {
  "swagger-ui.css": { file: "swagger-ui.css", type: "text/css; charset=utf-8" },
  "swagger-ui-bundle.js": { file: "swagger-ui-bundle.js", type: "text/javascript; charset=utf-8" },
  "favicon-32x32.png": { file: "favicon-32x32.png", type: "image/png" },
};

// Its own file rather than an inline script, so a strict Content-Security-Policy can allow 'self' only.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, tryItOutEnabled: false });\n`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Trading engine API reference</title>
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/init.js"></script>
</body>
</html>
`;

const ZAssetParams = z.strictObject({ name: z.string() });

/**
 * `/openapi.json` (built once, on first request, from every route's own `doc`) and `/docs`,
 * the interactive reference rendered from it.
 */
export const apiDocsRoutes: FastifyPluginCallback = (http, _options, done) => {
  let document: string | null = null;
  const distDir = path.dirname(require.resolve("swagger-ui-dist/package.json"));
  const assetCache = new Map<string, Buffer>();

  http.get(
    "/openapi.json",
    {
      config: {
        doc: {
          summary: "This document (OpenAPI 3.1)",
          tags: ["Public"],
          responses: { 200: { contentType: "application/json", description: "The OpenAPI 3.1 document of every route." } },
        },
      },
    },
    (_request, reply) => {
      // Every route is registered before the server answers its first request.
      document ??= JSON.stringify(buildOpenApi(http.routeCatalog));
      return reply.type("application/json; charset=utf-8").send(document);
    },
  );
  http.get(
    "/docs",
    { config: { doc: { summary: "Interactive API reference (HTML)", tags: ["Public"], responses: { 200: { contentType: "text/html", description: "Swagger UI over /openapi.json." } } } } },
    (_request, reply) => reply.type("text/html; charset=utf-8").send(PAGE),
  );
  http.get("/docs/assets/:name", { config: { doc: "hidden" } }, (request, reply) => {
    const { name } = ZAssetParams.parse(request.params);
    if (name === "init.js") return reply.type("text/javascript; charset=utf-8").send(INIT_SCRIPT);
    const asset = ASSETS[name];
    if (asset === undefined) return reply.callNotFound();
    let bytes = assetCache.get(name);
    if (bytes === undefined) {
      bytes = readFileSync(path.join(distDir, asset.file));
      assetCache.set(name, bytes);
    }
    return reply.type(asset.type).header("cache-control", "public, max-age=3600").send(bytes);
  });
  done();
};
