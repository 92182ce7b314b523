# Hearth as a container image: compiled JavaScript on the current Node LTS, no tsx and no dev dependencies at run time.
# Build: docker build -t hearth .   Run: see docs/deploy.md and compose.yaml.

FROM node:24-bookworm-slim AS build
WORKDIR /hearth
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# The stylesheet and scripts (content-hashed, with brotli and gzip copies), then the TypeScript compiled to dist/.
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
# pg_dump and pg_restore, for `hearth backup` and `hearth restore` against PostgreSQL.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client && rm -rf /var/lib/apt/lists/*
WORKDIR /hearth
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 HEARTH_DATA_DIR=/var/lib/hearth
COPY --from=build /hearth/package.json ./
COPY --from=build /hearth/node_modules ./node_modules
COPY --from=build /hearth/dist ./dist
COPY --from=build /hearth/public ./public
RUN mkdir -p /var/lib/hearth && chown node:node /var/lib/hearth
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["start"]
