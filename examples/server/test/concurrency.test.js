// Replay protection under real concurrency: 50 parallel sign-ins with one valid TOTP code, each from its own
// pending session, give exactly one 200; the same for one recovery code. On PGlite and on PostgreSQL, and with
// two server processes sharing one PostgreSQL. Each round's time (first request sent to last answer received) is
// printed and saved to test-artifacts/concurrency.json.
//
// The throttle is set not to lock (LENIENT) so that all 50 requests reach the code check: what is tested here is
// the conditional UPDATE / DELETE ... RETURNING, not the throttle in front of it (throttle.test.js tests that).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client } from './helpers/client.js';
import { postgres } from './helpers/environment.js';
import { enrolledUser, freshCode, pendingSessions, tally } from './helpers/flow.js';
import { LENIENT, policyEnv } from './helpers/policies.js';
import { assertNoSecretsInLogs, serverForSuite, startServer } from './helpers/server.js';

const N = 50;
const ROUNDS = Number(process.env.CONCURRENCY_ROUNDS ?? 3);
const pg = await postgres();
const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-artifacts', 'concurrency.json');
const results = [];

after(() => {
  mkdirSync(dirname(RESULTS), { recursive: true });
  let previous = [];
  try {
    previous = JSON.parse(readFileSync(RESULTS, 'utf8'));
  } catch {
    // first run
  }
  writeFileSync(RESULTS, JSON.stringify([...previous, ...results], null, 2));
});

/**
 * Sends one request per client, all at once, and checks that exactly one got 200 and every other 401. Prints the
 * wall time (first request sent to last answer, as the clients saw it) and the slowest and median time the server
 * logged for one of those requests.
 * @param {() => string[]} outputs - each server's log so far
 * @param {(client: object, index: number) => Promise<object>} send
 */
async function burst(label, clients, outputs, send) {
  const marks = outputs().map((output) => output.length);
  const started = performance.now();
  const responses = await Promise.all(clients.map((client, index) => send(client, index)));
  const ms = Math.round(performance.now() - started);
  const counts = tally(responses);
  const logged = () =>
    outputs().flatMap((output, i) => [...output.slice(marks[i]).matchAll(/POST \/api\/login\/\w+ \d{3} (\d+\.\d)ms/g)]);
  // Each server logs a request just after answering it: give the last lines a moment to arrive.
  for (let wait = 0; logged().length < clients.length && wait < 40; wait++) await sleep(50);
  const served = logged()
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
  const server = { median: served[Math.floor(served.length / 2)], max: served.at(-1) };
  results.push({ label, requests: clients.length, counts, ms, serverMs: server, at: new Date().toISOString() });
  console.log(
    `${label}: ${clients.length} concurrent requests -> ${JSON.stringify(counts)} in ${ms} ms ` +
      `(server: median ${server.median} ms, slowest ${server.max} ms per request)`,
  );
  assert.deepEqual(counts, { 200: 1, 401: clients.length - 1 }, `${label}: exactly one success`);
  // The winner is signed in; every other session is still pending.
  const winner = responses.findIndex((r) => r.status === 200);
  const states = await Promise.all(clients.map((client) => client.get('/api/me')));
  states.forEach((state, index) => assert.equal(state.status, index === winner ? 200 : 401));
  return responses[winner];
}

/** The two tests, against the server(s) at `origins` (sessions and requests alternate between them). */
function concurrencyTests(name, getOrigins, getOutputs) {
  const secrets = [];

  test(`${N} parallel POST /api/login/totp with one valid code: exactly one 200 (${ROUNDS} rounds)`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const origins = getOrigins();
      const user = await enrolledUser(origins[0], 'totp');
      secrets.push(user.password, user.secret, ...user.recoveryCodes);
      const clients = await pendingSessions(origins, user, N);
      const { token } = freshCode(user.secret, user.lastStep);
      await burst(`${name} totp round ${round}`, clients, getOutputs, (client) =>
        client.post('/api/login/totp', { token }),
      );
    }
  });

  test(`${N} parallel POST /api/login/recovery with one code: exactly one 200 (${ROUNDS} rounds)`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const origins = getOrigins();
      const user = await enrolledUser(origins[0], 'recovery');
      secrets.push(user.password, user.secret, ...user.recoveryCodes);
      const clients = await pendingSessions(origins, user, N);
      const code = user.recoveryCodes[round % user.recoveryCodes.length];
      const winner = await burst(`${name} recovery round ${round}`, clients, getOutputs, (client) =>
        client.post('/api/login/recovery', { code }),
      );
      assert.equal(winner.json.recovery_codes_left, 9, 'one code used, nine left');
    }
  });

  test('no secret in the logs', () => {
    assertNoSecretsInLogs(getOutputs().join('\n'), [...secrets, ...Client.tokens]);
  });
}

describe('on PGlite', { timeout: 900_000 }, () => {
  const server = serverForSuite({ env: policyEnv(LENIENT) });
  concurrencyTests(
    'pglite',
    () => [server().origin],
    () => [server().output()],
  );
});

describe('on PostgreSQL', { skip: pg.skip, timeout: 900_000 }, () => {
  const server = serverForSuite({ databaseUrl: pg.url, env: policyEnv(LENIENT) });
  concurrencyTests(
    'postgres',
    () => [server().origin],
    () => [server().output()],
  );
});

describe('two server processes on one PostgreSQL, requests split between them', {
  skip: pg.skip,
  timeout: 900_000,
}, () => {
  let servers = [];
  before(async () => {
    // Started together, so that both run the migrations at once (the advisory lock makes them take turns).
    servers = await Promise.all([1, 2].map(() => startServer({ databaseUrl: pg.url, env: policyEnv(LENIENT) })));
  });
  after(() => Promise.all(servers.map((server) => server.stop())));
  concurrencyTests(
    'postgres-2-processes',
    () => servers.map((server) => server.origin),
    () => servers.map((server) => server.output()),
  );

  test('each process answered about half of the sign-in requests', () => {
    for (const server of servers) {
      const answered = server.output().match(/POST \/api\/login\/(totp|recovery) (200|401)/g) ?? [];
      assert.ok(answered.length >= (N / 2) * ROUNDS, `${server.origin} answered ${answered.length}`);
    }
  });
});
