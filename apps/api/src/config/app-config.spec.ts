import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, PUBLISHED_JWT_SECRETS, loadConfig } from './app-config';
import { mailConfigWarnings } from './mail-config';

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
      sceneWriterThread: true,
    });
  });

  it('writes scene batches in the server thread when SCENE_WRITER_THREAD is false', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgresql://u@db:5432/app',
      SCENE_WRITER_THREAD: 'false',
    });
    expect(config.database).toMatchObject({ kind: 'postgres', sceneWriterThread: false });
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

  function configErrorOf(env: Record<string, string>): string {
    try {
      loadConfig({ DATA_DIR: dataDir, ...env });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  }

  it('refuses a JWT_SECRET published in the repository, naming the variable without printing it', () => {
    for (const secret of PUBLISHED_JWT_SECRETS) {
      const message = configErrorOf({ JWT_SECRET: secret });
      expect(message).toMatch(/JWT_SECRET: is an example value published in the Mockboard repository/);
      expect(message).toContain('openssl rand');
      expect(message).not.toContain(secret);
    }
    expect(configErrorOf({ JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars' })).toContain(
      'JWT_SECRET:',
    );
  });

  it('refuses a published JWT_SECRET copied with quotes, spaces or another letter case', () => {
    for (const published of PUBLISHED_JWT_SECRETS) {
      for (const variant of [
        `"${published}"`,
        `'${published}'`,
        ` ${published}\n`,
        published.toUpperCase(),
      ]) {
        const message = configErrorOf({ JWT_SECRET: variant });
        expect(message).toMatch(/JWT_SECRET: is an example value published in the Mockboard repository/);
        expect(message).not.toContain(published);
        expect(message.toLowerCase()).not.toContain(published.toLowerCase());
      }
    }
  });

  it('refuses a predictable JWT_SECRET: one repeated character or a repeated pattern', () => {
    for (const secret of ['a'.repeat(40), ' '.repeat(40), 'abc1'.repeat(10), '0123456789abcdef'.repeat(3)]) {
      expect(configErrorOf({ JWT_SECRET: secret })).toMatch(/JWT_SECRET: is too predictable/);
    }
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'k3J9x-Qw7Zp2Lm8Rt4Vb6Nc1Hy5Gd0Fs' }).jwt.secret).toBe(
      'k3J9x-Qw7Zp2Lm8Rt4Vb6Nc1Hy5Gd0Fs',
    );
  });

  it('never prints secrets in a configuration error: JWT_SECRET, METRICS_TOKEN, URL passwords', () => {
    const message = configErrorOf({
      JWT_SECRET: 'tooShortButSecretValue',
      METRICS_TOKEN: 'tiny-token',
      DATABASE_URL: 'mysql://app:Db-Pass@w0rd/x@db:3306/app',
      REDIS_URL: 'http://:RedisPass123@cache:6379',
      PORT: 'eighty',
    });
    expect(message).toMatch(
      /JWT_SECRET: must be at least 32 characters \(got a hidden value of 22 characters\)/,
    );
    expect(message).toMatch(/METRICS_TOKEN: must be at least 16 characters \(got a hidden value/);
    expect(message).toContain(
      'DATABASE_URL: must be a postgres:// or postgresql:// URL (got "mysql://app:***@db:3306/app")',
    );
    expect(message).toContain(
      'REDIS_URL: must be a redis:// or rediss:// URL (got "http://:***@cache:6379")',
    );
    expect(message).toContain('PORT:');
    for (const secret of ['tooShortButSecretValue', 'tiny-token', 'Db-Pass', 'w0rd', 'RedisPass123']) {
      expect(message).not.toContain(secret);
    }
    expect(configErrorOf({ DATABASE_URL: 'host=db user=app password=Sekr1t' })).not.toContain('Sekr1t');
  });

  it('takes PUBLIC_URL as an http(s) origin and refuses paths, queries and other schemes', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).publicUrl).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'https://Mockboard.Example.com/' }).publicUrl).toBe(
      'https://mockboard.example.com',
    );
    expect(loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'http://10.0.0.5:8080' }).publicUrl).toBe(
      'http://10.0.0.5:8080',
    );
    for (const bad of [
      'mockboard.example.com',
      'ftp://x.example',
      'https://x.example/app',
      'https://x.example/?a=1',
      'https://u:p@x.example',
    ]) {
      expect(configErrorOf({ PUBLIC_URL: bad })).toMatch(
        /PUBLIC_URL: must be the http:\/\/ or https:\/\/ address/,
      );
    }
  });

  it('sends secure cookies and HSTS when PUBLIC_URL is https; an explicit COOKIE_SECURE wins', () => {
    const https = loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'https://mockboard.example.com' });
    expect([https.cookieSecure, https.hsts]).toEqual([true, true]);
    const http = loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'http://mockboard.lan' });
    expect([http.cookieSecure, http.hsts]).toEqual([false, false]);
    expect(
      loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'https://m.example', COOKIE_SECURE: 'false' }).cookieSecure,
    ).toBe(false);
    expect(
      loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'http://m.lan', COOKIE_SECURE: 'true' }).cookieSecure,
    ).toBe(true);
  });

  it('refuses a METRICS_PORT equal to PORT', () => {
    expect(configErrorOf({ PORT: '3000', METRICS_PORT: '3000' })).toMatch(
      /METRICS_PORT: must differ from PORT/,
    );
    expect(
      loadConfig({ DATA_DIR: dataDir, METRICS_PORT: '9464', METRICS_TOKEN: 'a-long-metrics-token-1' }),
    ).toMatchObject({
      metricsPort: 9464,
      metricsToken: 'a-long-metrics-token-1',
    });
  });

  describe('the call’s ICE servers', () => {
    it('has no STUN or TURN and the policy `all` when nothing is set', () => {
      expect(loadConfig({ DATA_DIR: dataDir }).call).toEqual({
        stunUrls: [],
        turn: null,
        iceTransportPolicy: 'all',
      });
    });

    it('reads STUN_URLS, TURN_URLS, TURN_SECRET, the credential lifetime and the relay policy', () => {
      const config = loadConfig({
        DATA_DIR: dataDir,
        STUN_URLS: 'stun:stun.example.com:3478, stuns:stun.example.com',
        TURN_URLS: 'turn:127.0.0.1:3478?transport=udp,turns:[::1]:5349?transport=tcp,',
        TURN_SECRET: 'a-coturn-static-auth-secret',
        TURN_CREDENTIAL_TTL_SECONDS: '600',
        ICE_TRANSPORT_POLICY: 'relay',
      });
      expect(config.call).toEqual({
        stunUrls: ['stun:stun.example.com:3478', 'stuns:stun.example.com'],
        turn: {
          urls: ['turn:127.0.0.1:3478?transport=udp', 'turns:[::1]:5349?transport=tcp'],
          secret: 'a-coturn-static-auth-secret',
          credentialTtlSeconds: 600,
        },
        iceTransportPolicy: 'relay',
      });
    });

    it('issues TURN credentials for four hours unless told otherwise, and never for under a minute', () => {
      const turn = { TURN_URLS: 'turn:turn.example.com', TURN_SECRET: 'a-coturn-static-auth-secret' };
      expect(loadConfig({ DATA_DIR: dataDir, ...turn }).call.turn?.credentialTtlSeconds).toBe(14_400);
      expect(configErrorOf({ ...turn, TURN_CREDENTIAL_TTL_SECONDS: '59' })).toMatch(
        /TURN_CREDENTIAL_TTL_SECONDS: .*\(got "59"\)/,
      );
    });

    it('refuses URLs of the wrong scheme, naming the variable', () => {
      for (const bad of ['turn:turn.example.com', 'stun:', 'https://stun.example.com', 'stun:a b']) {
        expect(configErrorOf({ STUN_URLS: bad })).toMatch(
          /STUN_URLS: must be comma-separated stun: or stuns: URLs/,
        );
      }
      for (const bad of ['stun:turn.example.com', 'turn:turn.example.com?transport=sctp', 'turn://x']) {
        expect(configErrorOf({ TURN_URLS: bad, TURN_SECRET: 'a-coturn-static-auth-secret' })).toMatch(
          /TURN_URLS: must be comma-separated turn: or turns: URLs/,
        );
      }
    });

    it('refuses TURN_URLS without TURN_SECRET, and TURN_SECRET without TURN_URLS', () => {
      expect(configErrorOf({ TURN_URLS: 'turn:turn.example.com' })).toMatch(
        /TURN_SECRET: must be set with TURN_URLS/,
      );
      expect(configErrorOf({ TURN_SECRET: 'a-coturn-static-auth-secret' })).toMatch(
        /TURN_URLS: must be set with TURN_SECRET/,
      );
    });

    it('refuses ICE_TRANSPORT_POLICY=relay without TURN, and a policy it does not know', () => {
      expect(configErrorOf({ ICE_TRANSPORT_POLICY: 'relay' })).toMatch(
        /ICE_TRANSPORT_POLICY: relay needs TURN_URLS/,
      );
      expect(configErrorOf({ ICE_TRANSPORT_POLICY: 'none' })).toMatch(
        /ICE_TRANSPORT_POLICY: .*\(got "none"\)/,
      );
    });

    it('never prints TURN_SECRET in a configuration error', () => {
      const message = configErrorOf({ TURN_URLS: 'turn:turn.example.com', TURN_SECRET: 'tiny-turn' });
      expect(message).toMatch(
        /TURN_SECRET: must be at least 16 characters .*\(got a hidden value of 9 characters\)/,
      );
      expect(message).not.toContain('tiny-turn');
    });
  });
  describe('mail', () => {
    it('without SMTP_URL: no SMTP, no verification required, From at localhost, reminders 24h and 1h', () => {
      expect(loadConfig({ DATA_DIR: dataDir }).mail).toEqual({
        smtpUrl: null,
        from: 'Mockboard <no-reply@localhost>',
        requireEmailVerification: false,
        reminderMinutes: [24 * 60, 60],
      });
    });

    it('with SMTP_URL: verification required by default, From at the public host; both can be overridden', () => {
      const mail = loadConfig({
        DATA_DIR: dataDir,
        SMTP_URL: 'smtps://app:pw@mail.example.com:465',
        PUBLIC_URL: 'https://mockboard.example.com',
      }).mail;
      expect(mail.smtpUrl).toBe('smtps://app:pw@mail.example.com:465');
      expect(mail.requireEmailVerification).toBe(true);
      expect(mail.from).toBe('Mockboard <no-reply@mockboard.example.com>');
      const overridden = loadConfig({
        DATA_DIR: dataDir,
        SMTP_URL: 'smtp://mailpit:1025',
        REQUIRE_EMAIL_VERIFICATION: 'false',
        MAIL_FROM: ' Practice Team <hello@example.org> ',
      }).mail;
      expect(overridden.requireEmailVerification).toBe(false);
      expect(overridden.from).toBe('Practice Team <hello@example.org>');
      expect(
        loadConfig({ DATA_DIR: dataDir, REQUIRE_EMAIL_VERIFICATION: 'true' }).mail.requireEmailVerification,
      ).toBe(true);
    });

    it('warns at start when SMTP_URL is set without PUBLIC_URL (links in mail would point to localhost)', () => {
      const smtp = { DATA_DIR: dataDir, SMTP_URL: 'smtp://mail.example.com:587' };
      expect(mailConfigWarnings(loadConfig(smtp))).toEqual([expect.stringMatching(/PUBLIC_URL is not/)]);
      expect(
        mailConfigWarnings(loadConfig({ ...smtp, PUBLIC_URL: 'https://mockboard.example.com' })),
      ).toEqual([]);
      // Without SMTP the dev mailbox is read on this machine, where localhost links work.
      expect(mailConfigWarnings(loadConfig({ DATA_DIR: dataDir }))).toEqual([]);
    });

    it('reads MAIL_REMINDERS as durations, longest first; empty means no reminders', () => {
      const minutesOf = (MAIL_REMINDERS: string) =>
        loadConfig({ DATA_DIR: dataDir, MAIL_REMINDERS }).mail.reminderMinutes;
      expect(minutesOf('30m, 24h,1h,2d')).toEqual([2 * 24 * 60, 24 * 60, 60, 30]);
      expect(minutesOf('1h,60m')).toEqual([60]);
      expect(minutesOf('')).toEqual([]);
      for (const bad of ['24', 'tomorrow', '0h', '1h,-5m', '1.5h']) {
        expect(configErrorOf({ MAIL_REMINDERS: bad })).toMatch(
          /MAIL_REMINDERS: must be comma-separated durations/,
        );
      }
    });

    it('refuses a bad SMTP_URL or MAIL_FROM, without printing the SMTP password', () => {
      const message = configErrorOf({ SMTP_URL: 'http://app:Smtp-Secret9@mail.example.com' });
      expect(message).toMatch(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
      expect(message).not.toContain('Smtp-Secret9');
      for (const bad of ['no-reply', 'A <b@c> d', 'x@y\r\nBcc: z@w', 'Name <not-an-address>']) {
        expect(configErrorOf({ MAIL_FROM: bad })).toMatch(/MAIL_FROM: must be an address/);
      }
    });
  });
});
