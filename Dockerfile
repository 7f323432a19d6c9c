# syntax=docker/dockerfile:1
# One image for every app; docker-compose.yml picks the entry point per service.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY proto proto
COPY libs libs
COPY apps apps
COPY scripts scripts
COPY bench bench
# scripts/fuzz.ts and scripts/soak.ts import their campaigns from test/.
COPY test test
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
RUN useradd --system --uid 10001 --home-dir /app kyc && mkdir -p /data && chown kyc /data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY proto proto
COPY config config
COPY apps/sandbox-verifiers/fixtures apps/sandbox-verifiers/fixtures
USER kyc
ENV KYC_DATA_DIR=/data
CMD ["node", "dist/apps/gateway/src/main.js"]
