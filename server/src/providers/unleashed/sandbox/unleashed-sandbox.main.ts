import { randomBytes, randomUUID } from 'node:crypto';
import { UnleashedSandbox } from './unleashed.sandbox.js';
import { createDemoAccount, startOrderFeed } from './unleashed.demo-data.js';

/**
 * The Unleashed sandbox on its own, with one demo account:
 *   node dist/server/src/providers/unleashed/sandbox/unleashed-sandbox.main.js [--port 4010] [--host 127.0.0.1]
 *     [--order-management on|off] [--feed-every-ms 15000]
 */
function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const port = Number(option('port') ?? 0);
  const host = option('host') ?? '127.0.0.1';
  const everyMs = Number(option('feed-every-ms') ?? 15_000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${option('port')}`);
  const sandbox = new UnleashedSandbox();
  const baseUrl = await sandbox.listen(port, host);
  const account = createDemoAccount(sandbox, {
    apiId: randomUUID(),
    apiKey: randomBytes(48).toString('base64'),
    orderManagement: option('order-management') !== 'off',
    initialOrders: 12,
  });
  const stopFeed = startOrderFeed(sandbox, account, { everyMs });
  process.stdout.write(
    [
      `Unleashed sandbox listening on ${baseUrl}`,
      `  api-auth-id:      ${account.apiId}`,
      `  API key:          ${account.apiKey}`,
      `  Order Management: ${account.orderManagement ? 'on' : 'off'} · time zone ${account.timeZone}`,
      `  warehouses:       ${account.warehouses.map((w) => w.WarehouseCode).join(', ')} · a new Placed order every ${everyMs} ms`,
      `  control API:      ${baseUrl}/__sandbox/ (see server/src/providers/unleashed/README.md)`,
      '',
    ].join('\n'),
  );
  const shutdown = () => {
    stopFeed();
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
