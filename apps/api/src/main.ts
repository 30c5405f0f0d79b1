import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { PromptLibraryError } from './prompts/prompt-library.loader';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const database = config.database.kind === 'embedded' ? `embedded PostgreSQL in ${config.database.dataDir}` : 'PostgreSQL';
  const url = `http://localhost:${config.port}`;
  process.stdout.write(`\nMockboard is running at ${url} (${database})\nAPI docs: ${url}/api/docs\n\n`);
}

main().catch((error: unknown) => {
  // Configuration and content errors are the user's to fix: print them plainly, without a stack.
  if (error instanceof ConfigError || error instanceof PromptLibraryError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(`\nMockboard could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
