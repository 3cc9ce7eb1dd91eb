// Test support for jobs/job-scheduler.int.spec.ts: a worker process whose job scheduler runs 'orders.poll'
// jobs that never end (it prints "started <integrationId>"), until it is killed with SIGKILL. Plain JS: it
// compiles the TypeScript sources on the fly with @swc/core (the repository's .swcrc), as jest does.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { addHook } = require('pirates');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
addHook((code, filename) => swc.transformSync(code, { ...swcrc, filename, sourceMaps: false }).code, { exts: ['.ts'] });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  try {
    return resolve.call(this, request, parent, ...rest);
  } catch (error) {
    if (request.startsWith('.') && request.endsWith('.js')) return resolve.call(this, request.slice(0, -3) + '.ts', parent, ...rest);
    throw error;
  }
};

require('./scheduler-worker.ts').main(JSON.parse(process.argv[2])).catch((error) => {
  console.error(error);
  process.exit(1);
});
