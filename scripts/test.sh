#!/usr/bin/env bash
# `npm test`: every tier, failing on the first broken one (README "Tests").
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }
step "type-check (server, console)"
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p console/tsconfig.app.json
step "lint"
npx eslint --max-warnings 0 .
step "schema.graphql is current and keeps the public contract"
npx jest --selectProjects unit --testPathPatterns 'server/src/app/schema.spec.ts'
step "build (server and console)"
npm run build
step "unit tests (server)"
npx jest --selectProjects unit
step "component tests (console)"
npx ng test --watch=false
step "integration tests (real PostgreSQL, provider sandboxes)"
npx jest --selectProjects integration
step "drill tier, short form (many processes of the built product, real faults)"
npx jest --selectProjects drill --runInBand --forceExit
step "browser tests (headless Chromium against the running product)"
npx jest --selectProjects browser --runInBand
