// Test support for sync-safety.int.spec.ts: a separate worker process that runs order polls against
// the test's database and sandboxes until it is killed (SIGKILL). Plain JS over the TypeScript sources.
require('./typescript-child.cjs');

require('./sync-kill.worker.ts').main(JSON.parse(process.argv[2])).catch((error) => {
  console.error(error);
  process.exit(1);
});
