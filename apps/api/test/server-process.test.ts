import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { aRegistration } from './support/factories';
import { MAIN_JS, runNode, serverProcessEnv, startServerProcess } from './support/server-process';
import { REPO_ROOT } from './support/test-app';

describe('the server process', () => {
  it('refuses to start on a bad configuration value, naming the variable', async () => {
    const run = runNode(MAIN_JS, [], { PORT: 'eighty', DATABASE_URL: 'mysql://nope', LOG_LEVEL: 'loud' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PORT:');
    expect(run.output()).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(run.output()).toContain('LOG_LEVEL:');
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  it('refuses a published JWT_SECRET and never prints secret values, naming each variable', async () => {
    const secrets = {
      JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars',
      METRICS_TOKEN: 'tiny-secret',
      DATABASE_URL: 'mysql://mockboard:Db-Passw0rd-9f3@db:3306/mockboard',
      REDIS_URL: 'http://:Redis-Passw0rd-7c1@cache:6379',
    };
    const run = runNode(MAIN_JS, [], { ...secrets, PORT: '0' });
    expect(await run.exited).toBe(1);
    const output = run.output();
    expect(output).toContain('JWT_SECRET: is an example value published in the Mockboard repository');
    expect(output).toContain('METRICS_TOKEN: must be at least 16 characters');
    expect(output).toContain(
      'DATABASE_URL: must be a postgres:// or postgresql:// URL (got "mysql://mockboard:***@db:3306/mockboard")',
    );
    expect(output).toContain('REDIS_URL: must be a redis:// or rediss:// URL');
    for (const secret of [
      secrets.JWT_SECRET,
      secrets.METRICS_TOKEN,
      'Db-Passw0rd-9f3',
      'Redis-Passw0rd-7c1',
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('refuses to start on a broken prompt file, naming the file, the field and the reason', async () => {
    const prompts = await mkdtemp(join(tmpdir(), 'mockboard-prompts-'));
    try {
      await cp(join(REPO_ROOT, 'prompts'), prompts, { recursive: true });
      const file = join(prompts, 'url-shortener.md');
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace(/^difficulty: \w+$/m, 'difficulty: trivial'),
      );
      const { env, cleanup } = await serverProcessEnv();
      const run = runNode(MAIN_JS, [], { ...env, PROMPTS_DIR: prompts, PORT: '0' });
      expect(await run.exited).toBe(1);
      expect(run.output()).toMatch(/url-shortener\.md: difficulty: .*"easy"/);
      await cleanup();
    } finally {
      await rm(prompts, { recursive: true, force: true });
    }
  });

  it('keeps accounts across a graceful SIGTERM restart and logs JSON lines', async () => {
    const { env, cleanup } = await serverProcessEnv({ LOG_LEVEL: 'info' });
    try {
      const first = await startServerProcess(env);
      const registration = aRegistration();
      await request(first.url).post('/api/auth/register').send(registration).expect(201);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const logLines = first
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      expect(logLines.length).toBeGreaterThan(0);
      for (const line of logLines) expect(JSON.parse(line)).toHaveProperty('level');
      expect(logLines.some((line) => /"msg":"request".*"path":"\/api\/auth\/register"/.test(line))).toBe(
        true,
      );

      const second = await startServerProcess(env);
      await request(second.url)
        .post('/api/auth/login')
        .send({ email: registration.email, password: registration.password })
        .expect(200);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await cleanup();
    }
  });
});

describe('command-line tools', () => {
  it('prompts:check accepts the shipped library and rejects a broken one with file, field and reason', async () => {
    const script = join(REPO_ROOT, 'apps/api/dist/cli/prompts-check.js');
    const good = runNode(script, [join(REPO_ROOT, 'prompts')], {});
    expect(await good.exited).toBe(0);
    expect(good.output()).toMatch(/\d+ prompts and a rubric of \d+ dimensions .* are valid/);

    const broken = await mkdtemp(join(tmpdir(), 'mockboard-prompts-'));
    try {
      await cp(join(REPO_ROOT, 'prompts'), broken, { recursive: true });
      const file = join(broken, 'rate-limiter.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace('## Scale estimates', '## Scale guesses'));
      // The hints, the signal levels and the diagrams are checked as strictly as the rest.
      const chat = join(broken, 'chat-app.md');
      await writeFile(chat, (await readFile(chat, 'utf8')).replace('## Hints', '## Tips'));
      const feed = join(broken, 'news-feed.md');
      await writeFile(
        feed,
        (await readFile(feed, 'utf8')).replace(/\*\*Strong \(level \d\):\*\*/, '**Strong:**'),
      );
      const diagram = join(broken, 'uber.diagram.yaml');
      await writeFile(
        diagram,
        `${(await readFile(diagram, 'utf8')).trimEnd()}\n  - { from: nowhere, to: nowhere }\n`,
      );
      await rm(join(broken, 'youtube.diagram.yaml'));
      const bad = runNode(script, [broken], {});
      expect(await bad.exited).toBe(1);
      const output = bad.output();
      expect(output).toContain('rate-limiter.md: ## Scale estimates: is missing');
      expect(output).toContain('chat-app.md: ## Hints: is missing');
      expect(output).toMatch(/news-feed\.md: .*level/);
      expect(output).toMatch(/uber\.diagram\.yaml: edges\.\d+\.from: /);
      expect(output).toMatch(/youtube\.diagram\.yaml: .*missing/);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('seed:demo creates two demo accounts whose printed credentials sign in', async () => {
    const { env, cleanup } = await serverProcessEnv();
    try {
      const seed = runNode(join(REPO_ROOT, 'apps/api/dist/cli/seed-demo.js'), [], env);
      expect(await seed.exited).toBe(0);
      const credentials = [...seed.output().matchAll(/(\S+@\S+)\s+password: (\S+)/g)];
      expect(credentials).toHaveLength(2);
      const again = runNode(join(REPO_ROOT, 'apps/api/dist/cli/seed-demo.js'), [], env);
      expect(await again.exited).toBe(0);

      const server = await startServerProcess(env);
      try {
        for (const [, email, password] of credentials) {
          await request(server.url).post('/api/auth/login').send({ email, password }).expect(200);
        }
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    } finally {
      await cleanup();
    }
  });
});
