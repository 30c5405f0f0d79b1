import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mockboard-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults to port 3000 and the embedded database under DATA_DIR', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'embedded', dataDir: join(dataDir, 'pglite'), schema: 'public' });
    expect(config.logLevel).toBe('info');
    expect(config.cookieSecure).toBe(false);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgresql://u@db:5432/app' });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgresql://u@db:5432/app',
      schema: 'public',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: '', PORT: '' }).database.kind).toBe('embedded');
  });

  it('names every bad variable with what it should be and what it got', () => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir, PORT: '99999', COOKIE_SECURE: 'perhaps', JWT_SECRET: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT: .*\(got "99999"\)/);
    expect(message).toMatch(/COOKIE_SECURE: .*\(got "perhaps"\)/);
    expect(message).toMatch(/JWT_SECRET: must be at least 32 characters/);
  });

  it('generates a signing secret once and keeps it in DATA_DIR when JWT_SECRET is unset', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwt.secret).toBe(first.jwt.secret);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(first.jwt.secret);
  });

  it('parses the admin email list case-insensitively', () => {
    const config = loadConfig({ DATA_DIR: dataDir, ADMIN_EMAILS: ' Ada@Example.test, ,bob@example.test ' });
    expect(config.adminEmails).toEqual(['ada@example.test', 'bob@example.test']);
  });
});
