#!/usr/bin/env bash
# `npm run test:node-lts [-- MAJOR…]` (default: 22 24): for each Node major, takes the newest official Node
# binary of that line from the npm registry (the package node-<platform>-<arch>, which ships the binary
# nodejs.org publishes), then, under it: builds the server, starts the built product and waits for
# /readyz (then stops it with SIGTERM), and runs the unit and integration tiers. The console, its
# component tests and the browser tier stay on the Node that runs `npm test` (README "Node versions").
#
# Needs `npm install` first (the node_modules of the machine's Node are reused: every native addon in the
# tree is N-API, which does not depend on the Node version). Binaries are kept under
# node_modules/.cache/conveyor-node/<version>/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE="$ROOT/node_modules/.cache/conveyor-node"
majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(22 24)

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

# Prints the bin/ folder holding the newest Node binary of line $1, fetching it from the registry if needed.
node_bin() {
  local major=$1 pkg version dir tarball
  pkg="node-$(node -p 'process.platform')-$(node -p 'process.arch')"
  version=$(npm view "$pkg@$major" version --json | node -e '
    const found = [JSON.parse(require("fs").readFileSync(0, "utf8"))].flat();
    const key = (v) => v.split(".").map(Number);
    found.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
    console.log(found.at(-1));')
  dir="$CACHE/$version"
  if [ ! -x "$dir/bin/node" ]; then
    local staging
    mkdir -p "$CACHE"
    staging=$(mktemp -d "$CACHE/.partial-XXXXXX")
    # npm pack checks the tarball against the registry's integrity hash
    tarball=$(cd "$staging" && npm pack "$pkg@$version" --silent)
    tar -xzf "$staging/$tarball" -C "$staging" package/bin/node
    mkdir -p "$staging/out/bin"
    mv "$staging/package/bin/node" "$staging/out/bin/node"
    rm -rf "$dir"
    mv "$staging/out" "$dir"
    rm -rf "$staging"
  fi
  echo "$dir/bin"
}

# Starts dist/server/src/main.js as `npm start` does (embedded PostgreSQL, development IdP, sandboxes) on a
# free port with a fresh DATA_DIR; passes when /readyz answers 200 and a SIGTERM then stops it with exit 0.
start_smoke() {
  local data port pid status=0 i
  data=$(mktemp -d)
  chmod 755 "$data" # the embedded PostgreSQL runs as `postgres` when we are root: it must traverse this folder
  port=$(node -e 's = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  PORT=$port DATA_DIR=$data LOG_LEVEL=warn node dist/server/src/main.js >"$data/server.log" 2>&1 &
  pid=$!
  for i in $(seq 1 120); do
    if node -e "fetch('http://127.0.0.1:$port/readyz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"; then break; fi
    if ! kill -0 "$pid" 2>/dev/null || [ "$i" = 120 ]; then
      echo "the server did not become ready (pid $pid); its output:" >&2
      cat "$data/server.log" >&2
      kill -KILL "$pid" 2>/dev/null || true
      rm -rf "$data"
      return 1
    fi
    sleep 1
  done
  echo "ready at http://127.0.0.1:$port/readyz after ~${i} s"
  kill -TERM "$pid"
  wait "$pid" || status=$?
  rm -rf "$data"
  if [ "$status" != 0 ]; then
    echo "the server exited with $status after SIGTERM" >&2
    return 1
  fi
  echo "stopped cleanly on SIGTERM"
}

for major in "${majors[@]}"; do
  bin=$(node_bin "$major")
  (
    # this Node first on PATH: npm, npx, jest and every child process (`process.execPath` too) run on it
    export PATH="$bin:$PATH"
    step "Node $(node --version) from the npm registry: build the server"
    npm run build:server
    step "Node $(node --version): start the built product, wait for /readyz, stop it"
    start_smoke
    step "Node $(node --version): unit tests"
    npx jest --selectProjects unit
    step "Node $(node --version): integration tests"
    npx jest --selectProjects integration
  )
done
