import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOM_ROUTING_PARAM } from '@mockboard/collab';
import { REPO_ROOT } from './support/test-app';

interface Service {
  extends?: { file: string; service: string };
  build?: unknown;
  deploy?: { replicas?: number };
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: unknown };
  volumes?: string[];
}

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const servicesOf = (path: string) => (parse(read(path)) as { services: Record<string, Service> }).services;

// CI also runs `docker-compose -f docker-compose.scale.yml config -q`; this checks how the parts fit,
// and that the scaled app stays in step with the single one. multi-instance.test.ts runs the proxy.
describe('docker-compose.scale.yml: several instances behind HAProxy (issue 18)', () => {
  const single = servicesOf('docker-compose.yml');
  const scaled = servicesOf('docker-compose.scale.yml');
  const haproxyCfg = read('deploy/haproxy/haproxy.cfg');

  it('takes PostgreSQL, Redis, Mailpit and coturn from docker-compose.yml as they are', () => {
    for (const name of ['postgres', 'redis', 'mailpit', 'coturn']) {
      expect(scaled[name]).toEqual({ extends: { file: 'docker-compose.yml', service: name } });
    }
  });

  it('runs several app replicas with the single instance’s settings, behind the proxy only', () => {
    const app = scaled.app!;
    expect(app.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(app.ports).toBeUndefined();
    expect(app.build).toEqual(single.app!.build);
    expect(app.environment).toEqual({ ...single.app!.environment, TRUST_PROXY: 'true' });
    expect(app.depends_on).toEqual(single.app!.depends_on);
    expect(app.healthcheck).toEqual(single.app!.healthcheck);
  });

  it('publishes port 3000 on the proxy, built from Debian’s haproxy package with the shipped file', () => {
    const proxy = scaled.proxy!;
    expect(proxy.build).toBe('deploy/haproxy');
    expect(proxy.ports).toEqual(['3000:3000']);
    expect(proxy.depends_on).toEqual({ app: { condition: 'service_healthy' } });
    expect(proxy.healthcheck?.test).toBeDefined();
    const dockerfile = read('deploy/haproxy/Dockerfile');
    expect(dockerfile).toMatch(/^FROM debian:bookworm/m);
    expect(dockerfile).toMatch(/apt-get install .*\bhaproxy\b/);
    expect(dockerfile).toContain('COPY haproxy.cfg /etc/haproxy/haproxy.cfg');
  });

  it('hashes on the parameter room sockets send, with a slot for every replica of the app service', () => {
    expect(haproxyCfg).toMatch(new RegExp(`^\\s+balance url_param ${ROOM_ROUTING_PARAM}$`, 'm'));
    expect(haproxyCfg).toMatch(/^\s+hash-type consistent$/m);
    const slots = /^\s+server-template app 1-(\d+) app:3000 resolvers docker /m.exec(haproxyCfg);
    expect(Number(slots?.[1])).toBeGreaterThanOrEqual(scaled.app!.deploy!.replicas!);
    expect(haproxyCfg).toMatch(/^\s+bind :3000$/m);
  });
});
