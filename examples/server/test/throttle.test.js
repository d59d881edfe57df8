// Throttling, state in the database: wrong codes until 429, Retry-After honoured (refused before, accepted after),
// the same for passwords, and 50 parallel wrong guesses checked no more often than the policy allows. On PGlite and
// on PostgreSQL. The server runs with the FAST policy: lock-out after 3 failures, for 3 s. First, THROTTLE_POLICY
// itself: read and checked at start.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { recordFailure, throttle } from 'totp-config';
import { policyFromEnv } from '../src/attempts.js';
import { Client } from './helpers/client.js';
import { postgres } from './helpers/environment.js';
import { enrolledUser, freshCode, pendingSessions, tally, wrongCode } from './helpers/flow.js';
import { FAST, policyEnv } from './helpers/policies.js';
import { serverForSuite, startServer, tempDataDir } from './helpers/server.js';

const pg = await postgres();

/** Posts `send()` until a 429 (at most 20 times); returns the answers before it and the 429. */
async function untilThrottled(send) {
  const before = [];
  for (let i = 0; i < 20; i++) {
    const response = await send();
    if (response.status === 429) return { before, throttled: response };
    before.push(response);
  }
  assert.fail('no 429 after 20 wrong attempts');
}

function retryAfterSeconds(response) {
  const value = response.headers['retry-after'];
  assert.match(value ?? '', /^[1-9]\d*$/, 'Retry-After in whole seconds');
  return Number(value);
}

function throttleTests(getOrigin) {
  test('wrong codes until 429; Retry-After honoured: refused before, the right code accepted after', async () => {
    const user = await enrolledUser(getOrigin());
    const [client] = await pendingSessions([getOrigin()], user, 1);
    const wrong = wrongCode(user.secret);
    const { before: refused, throttled } = await untilThrottled(() => client.post('/api/login/totp', { token: wrong }));
    assert.equal(refused.length, FAST.maxFailures, `locked after ${FAST.maxFailures} failures`);
    for (const response of refused) assert.equal(response.status, 401);
    assert.equal(throttled.json.error, 'too_many_attempts');
    const seconds = retryAfterSeconds(throttled);
    assert.ok(seconds <= Math.ceil(FAST.lockoutMs / 1000), `Retry-After ${seconds} s`);
    const lockedAt = Date.now();

    // While locked, even the right code is refused (and not used up).
    const early = await client.post('/api/login/totp', { token: freshCode(user.secret, user.lastStep).token });
    assert.equal(early.status, 429);

    await sleep(seconds * 1000 - (Date.now() - lockedAt) + 250);
    const later = await client.post('/api/login/totp', { token: freshCode(user.secret, user.lastStep).token });
    assert.equal(later.status, 200, `after Retry-After: ${later.text}`);
  });

  test('wrong passwords until 429; Retry-After honoured', async () => {
    const user = await enrolledUser(getOrigin());
    const client = new Client(getOrigin());
    const { before: refused, throttled } = await untilThrottled(() =>
      client.post('/api/login', { username: user.username, password: 'not the password' }),
    );
    assert.equal(refused.length, FAST.maxFailures);
    const seconds = retryAfterSeconds(throttled);
    const lockedAt = Date.now();
    assert.equal((await client.post('/api/login', { username: user.username, password: user.password })).status, 429);
    await sleep(seconds * 1000 - (Date.now() - lockedAt) + 250);
    const later = await client.post('/api/login', { username: user.username, password: user.password });
    assert.equal(later.status, 200);
    assert.equal(later.json.mfa_required, true);
  });

  test('50 parallel wrong codes: only as many are checked as the policy allows, the rest get 429', async () => {
    const user = await enrolledUser(getOrigin());
    // One sign-in at a time: parallel ones would be throttled too (each is counted before its password is checked).
    const clients = await pendingSessions([getOrigin()], user, 50, 1);
    const wrong = wrongCode(user.secret);
    const responses = await Promise.all(clients.map((client) => client.post('/api/login/totp', { token: wrong })));
    // Each attempt is counted before it is checked, under a row lock: parallel requests cannot outrun the count.
    assert.deepEqual(tally(responses), { 401: FAST.maxFailures, 429: 50 - FAST.maxFailures });
  });
}

describe('THROTTLE_POLICY', () => {
  test('unset: the library default; set: checked by the library, which fills in what is left out', () => {
    assert.equal(policyFromEnv({}), undefined);
    // Only lockoutMs, over 24 h: the library's maxLockoutMs for it is max(24 h, lockoutMs), so this is valid
    // and the wait is the whole 48 h.
    const hours48 = 48 * 3_600_000;
    const policy = policyFromEnv({ THROTTLE_POLICY: JSON.stringify({ maxFailures: 1, lockoutMs: hours48 }) });
    assert.deepEqual(policy, { maxFailures: 1, lockoutMs: hours48 });
    assert.equal(throttle(recordFailure(null, policy, 0), policy, 0).retryAfterMs, hours48);

    const bad = (text) => () => policyFromEnv({ THROTTLE_POLICY: text });
    assert.throws(bad('{"maxFailures":0}'), { name: 'RangeError', message: /^THROTTLE_POLICY: "policy.maxFailures"/ });
    assert.throws(
      bad('{"lockoutMs":60000,"maxLockoutMs":1000}'),
      /^RangeError: THROTTLE_POLICY: "policy.maxLockoutMs"/,
    );
    assert.throws(bad('[3]'), { name: 'TypeError', message: /^THROTTLE_POLICY: "policy" must be an object/ });
    assert.throws(bad('{maxFailures: 3}'), { name: 'TypeError', message: 'THROTTLE_POLICY must be JSON' });
  });

  test('a bad one stops the server at start, saying why', async () => {
    const data = tempDataDir();
    try {
      await assert.rejects(
        startServer({ dataDir: data.dir, env: { THROTTLE_POLICY: '{"backoff":"random"}' } }),
        /server exited \(1\) before listening:\ncannot start: THROTTLE_POLICY: "policy.backoff" must be one of/,
      );
    } finally {
      data.remove();
    }
  });
});

describe('on PGlite', { timeout: 600_000 }, () => {
  const server = serverForSuite({ env: policyEnv(FAST) });
  throttleTests(() => server().origin);
});

describe('on PostgreSQL', { skip: pg.skip, timeout: 600_000 }, () => {
  const server = serverForSuite({ databaseUrl: pg.url, env: policyEnv(FAST) });
  throttleTests(() => server().origin);
});
