# syntax=docker/dockerfile:1
# oss-cname-service: build with the full toolchain, run on a slim image with production dependencies only.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The repo pins Node through the `node` npm package; the image already is Node 24, so skip its download.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    NODE_COMPILE_CACHE=/app/.compile-cache
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The code is owned by root and read-only for the service user.
# Compile the service once now, so every new container starts with Node's compile cache filled instead of
# empty (a quarter of the cold start). The warm-up runs the real start against an in-process emulator and
# fails the build if the service does not answer. Node keys the cache by user, hence runuser; afterwards
# the cache is as read-only as the code (Node then simply does not write to it).
RUN install -d -o node /app/.compile-cache \
 && runuser -u node -- node dist/cli/warm-compile-cache.js \
 && chown -R root:root /app/.compile-cache \
 && chmod -R a+rX,go-w /app/.compile-cache
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (graceful drain, see docs/operations.md).
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
