// Test support for child processes that run the TypeScript sources (sync-kill.child.cjs,
// scheduler-worker.child.cjs): compiles them on the fly with @swc/core and the repository's .swcrc, as
// jest does, and resolves the sources' './x.js' imports to './x.ts'. Required first, for its effect.
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
