# syntax=docker/dockerfile:1.7
# The Next.js terminal. NEXT_PUBLIC_API_URL is read at request time (apps/web/src/env.ts), so the
# same image serves any API URL.
# It runs the same build command CI and `npm start` run: `turbo run build --filter=web`.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /repo
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json turbo.json ./
COPY packages ./packages
COPY apps ./apps
RUN npm ci --no-audit --no-fund
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
RUN npx turbo run build --filter=web

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
WORKDIR /repo
COPY --from=build --chown=node:node /repo ./
USER node
WORKDIR /repo/apps/web
EXPOSE 3000
CMD ["npx", "next", "start", "--port", "3000"]
