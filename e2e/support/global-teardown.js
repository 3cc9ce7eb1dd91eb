// Stops the server started by global-setup.js: SIGTERM, wait for it to exit (SIGKILL after 15 s),
// then removes its DATA_DIR.
const fs = require('node:fs');
const { STATE_FILE } = require('./global-setup.js');

const GRACE_MS = 15_000;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid, child, timeoutMs) {
  if (child) {
    if (child.exitCode !== null || child.signalCode !== null) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !alive(pid);
}

module.exports = async function globalTeardown() {
  const held = globalThis.__CONVEYOR_E2E__;
  let state = null;
  try {
    state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    // nothing was started
  }
  const pid = held?.child?.pid ?? state?.pid;
  const dataDir = held?.dataDir ?? state?.dataDir;
  if (pid && alive(pid)) {
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, held?.child, GRACE_MS))) {
      console.warn(`the server (pid ${pid}) did not exit within ${GRACE_MS / 1000} s of SIGTERM; killing it`);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await waitForExit(pid, held?.child, 5_000);
    }
  }
  held?.log?.end();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(STATE_FILE, { force: true });
  delete globalThis.__CONVEYOR_E2E__;
};
