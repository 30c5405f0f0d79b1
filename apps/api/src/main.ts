import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig, loadDotEnvIfPresent } from './config/app-config';
import { DataDirInUseError } from './database/data-dir-in-use.error';
import { PromptLibraryError } from './prompts/prompt-library.loader';

/** SIGHUP too: closing the terminal of `npm start` is a request to stop, not a crash. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

async function main(): Promise<void> {
  loadDotEnvIfPresent();
  const config = loadConfig();
  const stopStartingOnSignal = exitOnSignals(STOP_SIGNALS);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  stopStartingOnSignal();
  const database =
    config.database.kind === 'embedded' ? `embedded PostgreSQL in ${config.database.dataDir}` : 'PostgreSQL';
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://localhost:${port}`;
  stopGracefully(STOP_SIGNALS, app);
  const publicUrl = config.publicUrl ? `Public address (PUBLIC_URL): ${config.publicUrl}\n` : '';
  process.stdout.write(
    `\nMockboard is running at ${url} (${database})\n${publicUrl}API docs: ${url}/api/docs\n\n`,
  );
}

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * A signal during start-up exits through process.exit, which still removes the embedded data
 * directory's lock file (a plain kill would leave it for the next start to take over). Returns
 * the function that hands the signals over to the graceful shutdown once the app serves.
 */
function exitOnSignals(signals: NodeJS.Signals[]): () => void {
  const exit = (): never => process.exit(1);
  for (const signal of signals) process.once(signal, exit);
  return () => signals.forEach((signal) => process.removeListener(signal, exit));
}

/**
 * On SIGTERM: stop accepting connections, let in-flight requests finish, close the database (the
 * embedded one flushes to disk), then exit 0. A stuck shutdown is cut short after a grace period.
 * Repeated signals are ignored, not left to their default (instant death): Ctrl+C on `npm start`
 * reaches the server twice, from the terminal and forwarded by scripts/start.mjs.
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
  for (const signal of signals) process.on(signal, stop);
}

main().catch((error: unknown) => {
  // Configuration, content and a busy data directory are the user's to fix: print them plainly.
  if (
    error instanceof ConfigError ||
    error instanceof PromptLibraryError ||
    error instanceof DataDirInUseError
  ) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(
      `\nMockboard could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
