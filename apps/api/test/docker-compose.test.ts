import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './support/test-app';

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  network_mode?: string;
  ports?: string[];
  entrypoint?: string[];
  command?: string[];
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

  it('runs postgres, redis, mailpit, the app and (in the turn profile) coturn, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'coturn', 'mailpit', 'postgres', 'redis']);
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

  describe('the TURN server for calls (coturn)', () => {
    const coturn = compose.services.coturn!;
    const script = coturn.command?.join('\n') ?? '';
    const flag = (name: string) => new RegExp(`--${name}=(\\d+)`).exec(script)?.[1];

    it('starts only with `--profile turn`, so a plain `docker compose up` needs no TURN settings', () => {
      expect(coturn.profiles).toEqual(['turn']);
      expect(coturn.entrypoint).toEqual(['sh', '-c']);
      expect(script).toMatch(/exec turnserver /);
    });

    it('refuses to start without a shared secret, and takes it from .env, never from this file', () => {
      expect(coturn.environment?.TURN_SECRET).toBe('${TURN_SECRET:-}');
      expect(compose.services.app!.environment?.TURN_SECRET).toBe('${TURN_SECRET:-}');
      // `$$` is compose's escape for a `$` the container's shell expands: `:?` stops it when unset.
      expect(script).toMatch(/: "\$\$\{TURN_SECRET:\?[^}]*openssl rand[^}]*\}"/);
      expect(script).toMatch(/--use-auth-secret/);
      // The secret reaches coturn through a file, not its command line, which `ps` shows to anyone.
      expect(script).not.toMatch(/--static-auth-secret/);
      expect(script).toMatch(
        /printf 'static-auth-secret=%s\\n' "\$\$TURN_SECRET" > (\S+)\n[^]*turnserver -c \1/,
      );
      expect(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')).not.toMatch(/TURN_SECRET:-[^}]/);
    });

    it("runs on the host's network, on port 3478 with a relay range in the dynamic ports", () => {
      // Docker's NAT would hide the browsers' addresses and publishes a port range one port at a time.
      expect(coturn.network_mode).toBe('host');
      expect(coturn.ports).toBeUndefined();
      const [min, max] = [Number(flag('min-port')), Number(flag('max-port'))];
      expect(flag('listening-port')).toBe('3478');
      expect(min).toBeGreaterThanOrEqual(49152); // RFC 6335's dynamic ports
      expect(max).toBeLessThanOrEqual(65535);
      // A relayed call holds up to 4 relay ports (2 browsers × 2 TURN URLs): room for 100 such calls.
      expect(max - min + 1).toBeGreaterThanOrEqual(400);
    });

    it('announces the public address when given one, and relays to no private, loopback or link-local address', () => {
      // Behind NAT (e.g. a cloud VM) coturn must tell browsers the public address, not its own.
      expect(coturn.environment?.TURN_EXTERNAL_IP).toBe('${TURN_EXTERNAL_IP:-}');
      expect(script).toContain(
        '$${TURN_EXTERNAL_IP:+--external-ip="$$TURN_EXTERNAL_IP" --allowed-peer-ip="$$TURN_EXTERNAL_IP"}',
      );
      // Otherwise any signed-in user could reach Redis, PostgreSQL or a cloud metadata service through it.
      for (const range of [
        '10.0.0.0-10.255.255.255',
        '127.0.0.0-127.255.255.255',
        '169.254.0.0-169.254.255.255',
        '172.16.0.0-172.31.255.255',
        '192.168.0.0-192.168.255.255',
        '::1',
      ])
        expect(script).toContain(`--denied-peer-ip=${range} `);
      expect(script).not.toMatch(/--allow-loopback-peers/);
    });

    it('passes the call settings from .env to the app, calls staying peer to peer when they are unset', () => {
      const environment = compose.services.app!.environment!;
      expect(environment.STUN_URLS).toBe('${STUN_URLS:-}');
      expect(environment.TURN_URLS).toBe('${TURN_URLS:-}');
      expect(environment.TURN_CREDENTIAL_TTL_SECONDS).toBe('${TURN_CREDENTIAL_TTL_SECONDS:-14400}');
      expect(environment.ICE_TRANSPORT_POLICY).toBe('${ICE_TRANSPORT_POLICY:-all}');
    });
  });

  it('sends mail to Mailpit unless .env names an SMTP server, its UI only on localhost', () => {
    const environment = compose.services.app!.environment!;
    expect(environment.SMTP_URL).toBe('${SMTP_URL:-smtp://mailpit:1025}');
    expect(environment.MAIL_FROM).toBe('${MAIL_FROM:-}');
    expect(environment.MAIL_REMINDERS).toBe('${MAIL_REMINDERS:-24h,1h}');
    const mailpit = compose.services.mailpit!;
    expect(mailpit.image).toMatch(/^axllent\/mailpit:/);
    // The caught mail holds reset and verification links: never published beyond this host.
    expect(mailpit.ports).toEqual(['127.0.0.1:8025:8025']);
  });

  it('refuses to start without a JWT_SECRET instead of falling back to a public one', () => {
    const secret = compose.services.app!.environment?.JWT_SECRET;
    // `${VAR:?message}` makes compose stop with the message when VAR is unset or empty.
    expect(secret).toMatch(/^\$\{JWT_SECRET:\?[^}]*openssl rand[^}]*\}$/);
    expect(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')).not.toMatch(/JWT_SECRET:-/);
  });
});
