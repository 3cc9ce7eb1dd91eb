/**
 * `npm start`: the whole product on the embedded default (see README "Quick start").
 * Shuts down cleanly on SIGINT / SIGTERM: HTTP drained, jobs unlocked, database stopped.
 */
import path from 'node:path';
import { startConveyor, type Conveyor } from './app/conveyor.js';
import { createLogger } from './common/logger.js';
import { ConfigError, loadConfig } from './config.js';
import type { DemoSandboxes } from './demo/demo-environment.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Conveyor cannot start. ${error.message}`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const consoleDir = path.resolve(__dirname, '../../console/browser');
  let conveyor: Conveyor | null = null;
  let demo: DemoSandboxes | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const graceMs = config.shutdownGraceMs;
    const force = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown took longer than SHUTDOWN_GRACE; exiting');
      process.exit(1);
    }, graceMs);
    force.unref();
    await conveyor?.close();
    await demo?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // The demo environment (sandboxes, demo data) is loaded only when used: production never loads it.
  const seed = config.useSandboxes || config.DEMO === true;
  const demoEnvironment = seed ? await import('./demo/demo-environment.js') : null;
  if (config.useSandboxes) demo = await demoEnvironment!.startDemoSandboxes(logger);
  conveyor = await startConveyor({
    config,
    logger,
    consoleDir,
    providers: demo?.endpoints,
    beforeStart: demoEnvironment ? (services) => demoEnvironment.seedDemoData(services.orm.em.fork(), logger) : undefined,
  });
  const lines = [
    '',
    `  Conveyor is running: ${conveyor.url}/`,
    `  API: ${conveyor.url}/graphql   explorer: ${conveyor.url}/graphiql   health: ${conveyor.url}/readyz`,
  ];
  if (config.devIdentityProvider) {
    lines.push(
      '',
      '  Demo logins (password "demo"):',
      '    admin@demo.test     3PL administrator',
      '    owner@acme.test     Acme Outdoor (may manage its integrations)',
      '    staff@globex.test   Globex Foods (not allowed to manage integrations)',
      `  API clients (client credentials at ${conveyor.issuer}/token): conveyor-cli / conveyor-cli-secret (admin),`,
      '    acme-cli / acme-cli-secret, globex-cli / globex-cli-secret',
    );
  }
  if (demo && demoEnvironment) {
    const { DEMO_UNLEASHED_ACCOUNT, DEMO_UNLEASHED_ACCOUNT_NO_OM } = demoEnvironment;
    lines.push(
      '',
      `  Sandboxes: Unleashed ${demo.endpoints.unleashedBaseUrl}   CartonCloud ${demo.endpoints.cartonCloud.baseUrl}`,
      '  Demo Unleashed account for the setup wizard (step 2):',
      `    API ID ${DEMO_UNLEASHED_ACCOUNT.apiId}   API key ${DEMO_UNLEASHED_ACCOUNT.apiKey}`,
      `    (Order Management off: API ID ${DEMO_UNLEASHED_ACCOUNT_NO_OM.apiId}   API key ${DEMO_UNLEASHED_ACCOUNT_NO_OM.apiKey}`,
      `     — its orders have no shipment until completed: tick "Send orders without a shipment" in step 3)`,
    );
  }
  lines.push('', '  Press Ctrl-C to stop.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(`Conveyor cannot start. ${error.message}`);
    process.exit(78); // EX_CONFIG
  }
  console.error('Conveyor failed to start:', error);
  process.exit(1);
});
