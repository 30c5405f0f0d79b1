import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig, loadDotEnvIfPresent } from './config/app-config';
import { PromptLibraryError } from './prompts/prompt-library.loader';

async function main(): Promise<void> {
  loadDotEnvIfPresent();
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const database =
    config.database.kind === 'embedded' ? `embedded PostgreSQL in ${config.database.dataDir}` : 'PostgreSQL';
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://localhost:${port}`;
  stopGracefully(['SIGTERM', 'SIGINT'], app);
  const publicUrl = config.publicUrl ? `Public address (PUBLIC_URL): ${config.publicUrl}\n` : '';
  process.stdout.write(
    `\nMockboard is running at ${url} (${database})\n${publicUrl}API docs: ${url}/api/docs\n\n`,
  );
}

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * On SIGTERM: stop accepting connections, let in-flight requests finish, close the database (the
 * embedded one flushes to disk), then exit 0. A stuck shutdown is cut short after a grace period.
 */
function stopGracefully(signals: NodeJS.Signals[], app: INestApplication): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(
      JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'shutting down', signal }) + '\n',
    );
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const signal of signals) process.once(signal, stop);
}

main().catch((error: unknown) => {
  // Configuration and content errors are the user's to fix: print them plainly, without a stack.
  if (error instanceof ConfigError || error instanceof PromptLibraryError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(
      `\nMockboard could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
