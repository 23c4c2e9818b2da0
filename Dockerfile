# One image for web and worker (docker-compose.yml picks the command), built in stages:
#   deps      every dependency (the build needs the dev ones)
#   build     next build, then the dev dependencies are dropped
#   prod-deps production dependencies only (npm ci --omit=dev from the committed lockfile)
#   runtime   the sources, the build output and the production dependencies, run as the non-root `node` user.
# The web server (server.ts) and the worker run TypeScript through tsx, a production dependency;
# scripts/smoke-prod.sh starts the same layout in CI to prove neither needs a dev dependency.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx next build && rm -rf node_modules .next/cache

FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0
COPY --from=build --chown=node:node /app ./
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
USER node
EXPOSE 3000
CMD ["npm", "run", "web"]
