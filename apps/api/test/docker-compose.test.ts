import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './support/test-app';

interface Service {
  image?: string;
  build?: unknown;
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
}

// CI also runs `docker-compose config -q`; this checks what the schema cannot: how the parts fit.
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  };

  it('runs postgres, redis and the app, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'postgres', 'redis']);
    for (const service of Object.values(compose.services)) expect(service.healthcheck?.test).toBeDefined();
  });

  it('starts the app only once its database and Redis are healthy, and points it at them', () => {
    const app = compose.services.app!;
    expect(app.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(app.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
    expect(app.environment?.REDIS_URL).toBe('redis://redis:6379');
  });

  it('keeps database and app data in named volumes', () => {
    expect(compose.services.postgres!.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(compose.services.app!.volumes).toContain('appdata:/data');
    expect(Object.keys(compose.volumes).sort()).toEqual(['appdata', 'pgdata']);
  });

  it('refuses to start without a JWT_SECRET instead of falling back to a public one', () => {
    const secret = compose.services.app!.environment?.JWT_SECRET;
    // `${VAR:?message}` makes compose stop with the message when VAR is unset or empty.
    expect(secret).toMatch(/^\$\{JWT_SECRET:\?[^}]*openssl rand[^}]*\}$/);
    expect(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')).not.toMatch(/JWT_SECRET:-/);
  });
});
