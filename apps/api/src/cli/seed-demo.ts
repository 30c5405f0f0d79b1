import 'reflect-metadata';
import { PasswordHasher } from '../auth/password-hasher';
import { UsersService, type DemoAccount } from '../auth/users.service';
import { loadConfig, loadDotEnvIfPresent } from '../config/app-config';
import { DataDirInUseError } from '../database/data-dir-in-use.error';
import { openDatabase } from '../database/data-source';

export const DEMO_ACCOUNTS = [
  {
    email: 'alex@demo.mockboard.dev',
    displayName: 'Alex (demo)',
    timezone: 'Europe/London',
    targetLevel: 'senior',
  },
  {
    email: 'sam@demo.mockboard.dev',
    displayName: 'Sam (demo)',
    timezone: 'America/New_York',
    targetLevel: 'mid',
  },
] as const satisfies readonly DemoAccount[];
export const DEMO_PASSWORD = 'practice-makes-perfect';

/**
 * `npm run seed:demo`: creates (or resets) two demo accounts so one person can try a whole session
 * in two browser windows. Running it again resets their passwords and profiles. It opens the
 * database itself, so with the embedded one the server must not be running (the lock refuses).
 */
async function main(): Promise<void> {
  // Same .env as `npm start`, so both open the same DATA_DIR or DATABASE_URL.
  loadDotEnvIfPresent();
  const config = loadConfig();
  const dataSource = await openDatabase(config.database, (message) => process.stdout.write(`${message}\n`));
  const outcomes: string[] = [];
  try {
    const users = UsersService.over(dataSource);
    const passwordHash = await new PasswordHasher(config).hash(DEMO_PASSWORD);
    for (const account of DEMO_ACCOUNTS) {
      const existed = await users.createOrResetDemoAccount(account, passwordHash);
      outcomes.push(existed ? 'existed: password and profile reset' : 'created');
    }
  } finally {
    await dataSource.destroy();
  }
  const origin = config.publicUrl ?? `http://localhost:${config.port}`;
  process.stdout.write(`Demo accounts are ready (sign in at ${origin}/signin):\n`);
  DEMO_ACCOUNTS.forEach((account, i) => {
    process.stdout.write(`  ${account.email}  password: ${DEMO_PASSWORD}  (${outcomes[i]})\n`);
  });
}

/** What to do instead, for the mistake the README once invited: seeding while `npm start` runs. */
const SEED_WHILE_SERVING =
  'To add the demo accounts: stop the server (Ctrl+C where `npm start` runs), run `npm run seed:demo`, then `npm start` again.';

// Interrupted: exit through process.exit so the data directory's lock file is removed.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof DataDirInUseError ? `\n${SEED_WHILE_SERVING}` : '';
  process.stderr.write(`seed:demo failed: ${message}${hint}\n`);
  process.exit(1);
});
