// Test support for jobs/job-scheduler.int.spec.ts: a worker process whose job scheduler runs 'orders.poll'
// jobs that never end (it prints "started <integrationId>"), until it is killed with SIGKILL. Plain JS over
// the TypeScript sources.
require('./typescript-child.cjs');

require('./scheduler-worker.ts').main(JSON.parse(process.argv[2])).catch((error) => {
  console.error(error);
  process.exit(1);
});
