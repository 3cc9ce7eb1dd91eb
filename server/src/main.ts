/**
 * `npm start`: the whole product on the embedded default (see README "Quick start").
 * Shuts down cleanly on SIGINT / SIGTERM: HTTP drained, jobs unlocked, database stopped.
 */
import path from 'node:path';
import { startConveyor, type Conveyor } from './app/conveyor.js';
import { createLogger } from './common/logger.js';
import { ConfigError, loadConfig } from './config.js';

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
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took more than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    await conveyor?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  conveyor = await startConveyor({ config, logger, consoleDir });
  const lines = [
    '',
    `  Conveyor is running: ${conveyor.url}/`,
    `  API: ${conveyor.url}/graphql   explorer: ${conveyor.url}/graphiql   health: ${conveyor.url}/readyz`,
  ];
  if (!config.OIDC_ISSUER) {
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
  lines.push('', '  Press Ctrl-C to stop.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  console.error('Conveyor failed to start:', error);
  process.exit(1);
});
