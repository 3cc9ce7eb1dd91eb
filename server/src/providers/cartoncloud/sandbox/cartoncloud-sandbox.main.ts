/**
 * Starts the CartonCloud sandbox alone, seeded with the demo tenant:
 *   node dist/server/src/providers/cartoncloud/sandbox/cartoncloud-sandbox.main.js [--port N] [--auto-dispatch-ms N]
 */
import { CartonCloudSandbox } from './cartoncloud.sandbox.js';
import { seedCartonCloudDemo } from './cartoncloud.demo-data.js';

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(flag('--port') ?? 0);
  if (!Number.isInteger(port) || port < 0) throw new Error('--port must be a port number');
  const sandbox = new CartonCloudSandbox();
  const credentials = seedCartonCloudDemo(sandbox);
  const url = await sandbox.listen(port);
  const autoDispatchMs = flag('--auto-dispatch-ms');
  if (autoDispatchMs !== undefined) sandbox.autoProgress({ dispatchAfterMs: Number(autoDispatchMs) });
  process.stdout.write(
    [
      `CartonCloud sandbox listening on ${url}`,
      `  CARTONCLOUD_API_URL=${url}`,
      `  CARTONCLOUD_TENANT_ID=${credentials.tenantId}`,
      `  CARTONCLOUD_CLIENT_ID=${credentials.clientId}`,
      `  CARTONCLOUD_CLIENT_SECRET=${credentials.clientSecret}`,
      `  control API: ${url}/__sandbox/… (see server/src/providers/cartoncloud/README.md)`,
      '',
    ].join('\n'),
  );
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
