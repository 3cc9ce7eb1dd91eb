// Starts the BUILT product (`npm run build` first) for the browser tier: one server process on a free
// port with a fresh DATA_DIR (embedded PostgreSQL, dev IdP, sandboxes), ready when GET /readyz is 200 —
// after choosing the Chromium the specs launch (chromium.js), so a missing browser fails before the server starts.
// Plain JS on purpose: jest runs global setup outside the swc transform.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { resolveChromium } = require('./chromium.js');

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER_ENTRY = path.join(ROOT, 'dist', 'server', 'src', 'main.js');
const CONSOLE_INDEX = path.join(ROOT, 'dist', 'console', 'browser', 'index.html');
// global setup and teardown run in the same jest process: its pid keys the state file.
const STATE_FILE = path.join(os.tmpdir(), `conveyor-e2e-${process.pid}.json`);
const READY_TIMEOUT_MS = 90_000;
const KEEP_LINES = 200;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The start-up banner names the demo sandboxes' URLs; the tests drive them through their /__sandbox control APIs.
const SANDBOX_LINE = /Sandboxes: Unleashed (\S+)\s+CartonCloud (\S+)/;

async function waitUntilReady(url, child, output, sandboxes) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready`);
    }
    if (!sandboxes.unleashed) {
      last = 'no sandbox URLs in the start-up banner yet';
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`GET ${url} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`);
}

module.exports = async function globalSetup() {
  for (const file of [SERVER_ENTRY, CONSOLE_INDEX]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` before the browser tests`);
  }
  // Before the server: a missing browser fails the run at once, not after the server's start-up.
  const chromium = await resolveChromium();
  process.stdout.write(`\nBrowser tier: Chromium from ${chromium.source}\n`);
  process.env.E2E_CHROMIUM = JSON.stringify({ executablePath: chromium.executablePath, env: chromium.env });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conveyor-e2e-'));
  // The embedded PostgreSQL runs initdb as the `postgres` user when we are root: it must traverse this folder.
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  // localhost, not 127.0.0.1: the dev IdP's issuer is http://localhost:$PORT/oidc and the console must be
  // on the same origin as its redirect URIs.
  const baseUrl = `http://localhost:${port}`;

  const artifacts = path.join(ROOT, 'test-artifacts');
  fs.mkdirSync(artifacts, { recursive: true });
  const logFile = path.join(artifacts, 'e2e-server.log');
  const log = fs.createWriteStream(logFile);
  const output = [];
  const sandboxes = { unleashed: null, cartonCloud: null };
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    // DEV_IDENTITY_PROVIDER=on: the tests sign in through it, even where CI points DATABASE_URL at its own PostgreSQL
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SYNC_POLL_INTERVAL: '3 seconds', LOG_LEVEL: 'warn', DEV_IDENTITY_PROVIDER: 'on' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    log.write(chunk);
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      const match = SANDBOX_LINE.exec(line);
      if (match) [sandboxes.unleashed, sandboxes.cartonCloud] = [match[1], match[2]];
      output.push(line);
      if (output.length > KEEP_LINES) output.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  try {
    await waitUntilReady(`${baseUrl}/readyz`, child, output, sandboxes);
  } catch (error) {
    console.error(`\nThe server did not become ready: ${error.message}\n--- last ${output.length} lines of its output ---\n${output.join('\n')}\n---`);
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_SERVER_PID = String(child.pid);
  process.env.E2E_UNLEASHED_SANDBOX_URL = sandboxes.unleashed;
  process.env.E2E_CARTONCLOUD_SANDBOX_URL = sandboxes.cartonCloud;
  const state = { baseUrl, pid: child.pid, dataDir, logFile };
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
  fs.writeFileSync(path.join(dataDir, 'e2e-state.json'), JSON.stringify(state));
  globalThis.__CONVEYOR_E2E__ = { child, dataDir, log };
};

module.exports.STATE_FILE = STATE_FILE;
