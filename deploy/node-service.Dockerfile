# syntax=docker/dockerfile:1.7
# One multi-stage image recipe for both Node services (build arg SERVICE = workspace name).
# It runs the same build command CI and `npm start` run: `turbo run build --filter=<service>`.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ARG SERVICE
WORKDIR /repo
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json turbo.json ./
COPY packages ./packages
COPY apps ./apps
RUN npm ci --no-audit --no-fund
ENV TURBO_TELEMETRY_DISABLED=1
RUN npx turbo run build --filter=${SERVICE}
# Production dependencies of this service only; @repo/* packages are bundled into dist.
RUN rm -rf node_modules && npm ci --omit=dev --no-audit --no-fund --workspace ${SERVICE}

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /repo/node_modules ./node_modules
COPY --from=build --chown=node:node /repo/apps/${SERVICE}/package.json ./package.json
COPY --from=build --chown=node:node /repo/apps/${SERVICE}/dist ./dist
# A named volume mounted here takes this directory's owner, so the non-root user can write it.
RUN mkdir -p /data && chown node:node /data
USER node
CMD ["node", "dist/main.js"]
