// The JWT micro-benchmark: verifying the app's access tokens (HS256) with the secret given to
// jsonwebtoken as a string, as the app did, against a KeyObject made once, as it does now
// (apps/api/src/auth/auth.module.ts). In-process, no server or database.
import { createSecretKey, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

export const description = 'JWT verification: the secret as a string against a KeyObject made once';

const VERIFICATIONS = 20_000;
/** Alternating rounds, so a neighbour's burst of CPU on a shared machine hits both sides alike. */
const ROUNDS = 4;

export async function run({ root, env, log }) {
  const jwt = createRequire(`${root}/apps/api/package.json`)('jsonwebtoken');
  const count = positive(env.BENCH_JWT_VERIFICATIONS, VERIFICATIONS, 'BENCH_JWT_VERIFICATIONS');
  const secret = randomBytes(32).toString('hex');
  const sides = { string: secret, keyObject: createSecretKey(Buffer.from(secret)) };
  const claims = { sub: '5f0c6f1e-3f5b-4a55-9a40-8d1b8d5f2c11', sid: '0b7e9b3c-55a4-4f8e-8a39-1f5b1c2d3e4f' };
  // Signed with the string, as every token issued before the change was: the KeyObject must accept it.
  const token = jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: 3600 });
  const options = { algorithms: ['HS256'] };

  const errors = [];
  for (const [name, key] of Object.entries(sides)) {
    const read = jwt.verify(token, key, options);
    if (read.sub !== claims.sub || read.sid !== claims.sid)
      errors.push(`${name}: the claims read back differ`);
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    try {
      jwt.verify(forged, key, options);
      errors.push(`${name}: a forged signature verified`);
    } catch {
      // Refused, as it must be.
    }
  }
  if (errors.length) return { errors };

  const totals = { string: { cpuUs: 0, wallMs: 0 }, keyObject: { cpuUs: 0, wallMs: 0 } };
  const perRound = Math.ceil(count / ROUNDS);
  for (const name of Object.keys(sides)) verifyMany(jwt, token, sides[name], options, 500); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 ? ['keyObject', 'string'] : ['string', 'keyObject']) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      verifyMany(jwt, token, sides[name], options, perRound);
      totals[name].wallMs += performance.now() - started;
      const used = process.cpuUsage(cpu);
      totals[name].cpuUs += used.user + used.system;
    }
  }

  const verified = perRound * ROUNDS;
  const line = (name, label) => {
    const { cpuUs, wallMs } = totals[name];
    const perVerify = cpuUs / verified;
    const rate = Math.round((verified / wallMs) * 1000).toLocaleString('en');
    return `${label.padEnd(22)} ${perVerify.toFixed(1).padStart(6)} µs CPU per verification, ${rate}/s`;
  };
  log(
    `${verified.toLocaleString('en')} verifications of one HS256 token per side, in ${ROUNDS} alternating rounds:`,
  );
  log(line('string', 'secret as a string'));
  log(line('keyObject', 'secret as a KeyObject'));
  const saved = (totals.string.cpuUs - totals.keyObject.cpuUs) / verified;
  log(
    `KeyObject saves ${saved.toFixed(1)} µs per verification (${(totals.string.cpuUs / totals.keyObject.cpuUs).toFixed(1)}× less CPU)`,
  );
  return { errors: [] };
}

function verifyMany(jwt, token, key, options, times) {
  for (let i = 0; i < times; i++) jwt.verify(token, key, options);
}

function positive(value, fallback, name) {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${name} must be a positive integer`);
  return number;
}
