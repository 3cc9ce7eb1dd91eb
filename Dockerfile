# syntax=docker/dockerfile:1
# The production image: one image, two roles (ROLE=api | worker). Build: docker build -t conveyor .
#
# Node 24 (the newer of the two maintained LTS lines, supported until April 2028; Node 22 ends in April
# 2027): every runtime dependency supports it, and several (oidc-provider, @whatwg-node) already ask for
# Node >= 22. The code itself only needs Node >= 20.19 (package.json "engines"), which development uses.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# devDependencies (Angular, TypeScript, oidc-provider for the development identity provider) leave here
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
# HOST: inside a container the API must listen on every interface (outside one it defaults to loopback
# in development); the published port and the proxy in front decide who reaches it.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
# owned by root, read-only for the process (it writes nothing here in production)
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
CMD ["node", "dist/server/src/main.js"]
