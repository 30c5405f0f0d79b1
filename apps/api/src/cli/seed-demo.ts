import 'reflect-metadata';
import type { TargetLevel } from '@mockboard/contracts';
import { PasswordHasher } from '../auth/password-hasher';
import { UsersRepository } from '../auth/users.repository';
import { loadConfig } from '../config/app-config';
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
] as const satisfies readonly {
  email: string;
  displayName: string;
  timezone: string;
  targetLevel: TargetLevel;
}[];
export const DEMO_PASSWORD = 'practice-makes-perfect';

/**
 * `npm run seed:demo`: creates (or resets) two demo accounts so one person can try a whole session
 * in two browser windows. Running it again resets their passwords and profiles.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDatabase(config.database);
  try {
    const users = new UsersRepository(dataSource);
    const passwordHash = await new PasswordHasher().hash(DEMO_PASSWORD);
    for (const account of DEMO_ACCOUNTS) {
      const existing = await users.findByEmailWithPassword(account.email);
      const user =
        existing ??
        (await users.insert({
          email: account.email,
          displayName: account.displayName,
          timezone: account.timezone,
          role: 'member',
          passwordHash,
        }));
      await users.setPassword(user.id, passwordHash);
      await users.update(user.id, {
        displayName: account.displayName,
        timezone: account.timezone,
        targetLevel: account.targetLevel,
      });
    }
  } finally {
    await dataSource.destroy();
  }
  const origin = config.publicUrl ?? `http://localhost:${config.port}`;
  process.stdout.write(`Demo accounts are ready (sign in at ${origin}/signin):\n`);
  for (const account of DEMO_ACCOUNTS) {
    process.stdout.write(`  ${account.email}  password: ${DEMO_PASSWORD}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
