import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/app-config';
import { OWASP_PASSWORD_HASH_COST } from '../config/password-hash-cost';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  it('hashes at OWASP’s minimum on every server (loadConfig sets it; no variable does)', async () => {
    const config = loadConfig({ DATA_DIR: '/nonexistent', JWT_SECRET: randomBytes(32).toString('hex') });
    expect(config.passwordHashCost).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const hasher = new PasswordHasher(config);
    const hash = await hasher.hash('a long enough password');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await hasher.verify(hash, 'a long enough password')).toBe(true);
    expect(await hasher.verify(hash, 'another password')).toBe(false);
  });

  it('verifies a hash made at another cost, and refuses an unknown email like a wrong password', async () => {
    const cheap = new PasswordHasher({ passwordHashCost: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
    const hash = await cheap.hash('an old password');
    const owasp = new PasswordHasher({ passwordHashCost: OWASP_PASSWORD_HASH_COST });
    expect(await owasp.verify(hash, 'an old password')).toBe(true);
    expect(await owasp.verify(undefined, 'an old password')).toBe(false);
  });
});
