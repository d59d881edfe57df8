// Bad input never breaks the server: every row of the table gets a 4xx with a JSON error (or, for malformed HTTP
// that never reaches the handler, a 4xx status line), never a 500, and the server answers the next request. The
// log never shows what was sent. On PGlite and on PostgreSQL.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { before, describe, test } from 'node:test';
import { Client } from './helpers/client.js';
import { postgres } from './helpers/environment.js';
import { enrolledUser, pendingSessions, signedInUser } from './helpers/flow.js';
import { LENIENT, policyEnv } from './helpers/policies.js';
import { assertNoSecretsInLogs, serverForSuite } from './helpers/server.js';

const pg = await postgres();
const json = { 'content-type': 'application/json' };
const SENT_PASSWORD = 'a-password-that-must-not-be-logged';

/**
 * [name, request, expected status]. A request is { path, method?, body?, headers?, as?, originHeader? }; `as`
 * names the session to send it with: 'pending' (password done, code due), 'signed-in' (no 2FA), or none.
 */
const ROWS = [
  [
    'body over the 4 KiB limit',
    { path: '/api/signup', body: JSON.stringify({ username: 'x'.repeat(5000), password: 'p' }) },
    413,
  ],
  [
    'chunked body over the limit',
    { path: '/api/signup', body: 'x'.repeat(10_000), headers: { ...json, 'transfer-encoding': 'chunked' } },
    413,
  ],
  ['invalid JSON', { path: '/api/signup', body: '{"username":' }, 400],
  ['empty body', { path: '/api/login', body: '' }, 400],
  ['JSON with a byte-order mark', { path: '/api/login', body: '\ufeff{}' }, 400],
  ['invalid UTF-8', { path: '/api/login', body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) }, 400],
  ['a JSON array', { path: '/api/signup', body: '[]' }, 400],
  ['JSON null', { path: '/api/signup', body: 'null' }, 400],
  ['a JSON string', { path: '/api/signup', body: '"alice"' }, 400],
  ['a JSON number', { path: '/api/signup', body: '42' }, 400],
  ['deeply nested JSON', { path: '/api/signup', body: '['.repeat(2000) + ']'.repeat(2000) }, 400],
  [
    'text/plain body (a cross-site form could send it)',
    { path: '/api/signup', body: '{}', headers: { 'content-type': 'text/plain' } },
    415,
  ],
  ['no content type', { path: '/api/signup', body: '{}', headers: { 'content-type': undefined } }, 415],
  [
    'form-encoded body',
    {
      path: '/api/login',
      body: 'username=a&password=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
    415,
  ],
  ['missing username', { path: '/api/signup', json: { password: SENT_PASSWORD } }, 400],
  ['missing password', { path: '/api/signup', json: { username: 'alice' } }, 400],
  ['username a number', { path: '/api/signup', json: { username: 12345, password: SENT_PASSWORD } }, 400],
  ['username an object', { path: '/api/login', json: { username: { $ne: null }, password: SENT_PASSWORD } }, 400],
  ['password an array', { path: '/api/login', json: { username: 'alice', password: ['a', 'b'] } }, 400],
  ['password null', { path: '/api/signup', json: { username: 'alice', password: null } }, 400],
  [
    'fields only on __proto__',
    { path: '/api/signup', body: `{"__proto__":{"username":"alice","password":"${SENT_PASSWORD}"}}` },
    400,
  ],
  ['username too long', { path: '/api/signup', json: { username: 'a'.repeat(65), password: SENT_PASSWORD } }, 400],
  [
    'username with a colon (breaks the otpauth label)',
    { path: '/api/signup', json: { username: 'ali:ce', password: SENT_PASSWORD } },
    400,
  ],
  [
    'username with a control character',
    { path: '/api/signup', json: { username: 'ali\u0000ce', password: SENT_PASSWORD } },
    400,
  ],
  [
    'username with a newline (log injection)',
    { path: '/api/login', json: { username: 'alice\nPOST /api/login 200', password: SENT_PASSWORD } },
    400,
  ],
  ['username not ASCII', { path: '/api/signup', json: { username: 'аlice', password: SENT_PASSWORD } }, 400],
  ['password too short', { path: '/api/signup', json: { username: 'alice', password: 'short' } }, 400],
  [
    'password too long (bounds the scrypt work)',
    { path: '/api/login', json: { username: 'alice', password: 'p'.repeat(300) } },
    400,
  ],
  [
    'password with a lone surrogate',
    { path: '/api/signup', body: '{"username":"alice","password":"\\ud800abcdefgh"}' },
    400,
  ],
  ['unknown user', { path: '/api/login', json: { username: 'nobody-at-all', password: SENT_PASSWORD } }, 401],
  ['wrong password', { path: '/api/login', as: 'known', json: { password: SENT_PASSWORD } }, 401],
  ['code without a pending sign-in', { path: '/api/login/totp', json: { token: '123456' } }, 401],
  ['code when already signed in', { path: '/api/login/totp', as: 'signed-in', json: { token: '123456' } }, 401],
  ['code a number', { path: '/api/login/totp', as: 'pending', json: { token: 123456 } }, 400],
  ['code too long', { path: '/api/login/totp', as: 'pending', json: { token: '1'.repeat(33) } }, 400],
  ['code not digits', { path: '/api/login/totp', as: 'pending', json: { token: 'abcdef' } }, 401],
  ['code empty', { path: '/api/login/totp', as: 'pending', json: { token: '' } }, 400],
  ['recovery code an object', { path: '/api/login/recovery', as: 'pending', json: { code: {} } }, 400],
  ['recovery code garbage', { path: '/api/login/recovery', as: 'pending', json: { code: '\u202e\u0000--' } }, 401],
  ['recovery code too long', { path: '/api/login/recovery', as: 'pending', json: { code: 'A'.repeat(65) } }, 400],
  ['enroll signed out', { path: '/api/2fa/enroll' }, 401],
  ['enroll with a pending session', { path: '/api/2fa/enroll', as: 'pending' }, 401],
  ['confirm before enroll', { path: '/api/2fa/confirm', as: 'signed-in', json: { token: '123456' } }, 409],
  ['confirm with no token', { path: '/api/2fa/confirm', as: 'signed-in', json: {} }, 400],
  [
    'session cookie of the wrong shape',
    { method: 'GET', path: '/api/me', headers: { cookie: 'session=<script>' } },
    401,
  ],
  ['unknown session token', { method: 'GET', path: '/api/me', headers: { cookie: `session=${'A'.repeat(43)}` } }, 401],
  [
    'many cookies',
    {
      method: 'GET',
      path: '/api/me',
      headers: { cookie: Array.from({ length: 500 }, (_, i) => `c${i}=1`).join('; ') },
    },
    401,
  ],
  ['no Origin', { path: '/api/signup', json: { username: 'alice', password: SENT_PASSWORD }, originHeader: null }, 403],
  [
    'another Origin',
    { path: '/api/signup', json: { username: 'alice', password: SENT_PASSWORD }, originHeader: 'https://evil.example' },
    403,
  ],
  ['GET on a POST path', { method: 'GET', path: '/api/login' }, 405],
  ['PUT', { method: 'PUT', path: '/api/me', body: '{}' }, 405],
  ['unknown path', { method: 'GET', path: '/api/nope' }, 404],
  ['bad percent-encoding', { method: 'GET', path: '/api/%E0%A4%A' }, 404],
  ['a long path', { method: 'GET', path: `/${'a'.repeat(6000)}` }, 404],
];

/** Malformed HTTP, sent on a raw socket: [name, bytes, expected status]. */
const RAW = [
  ['garbage request line', 'HELLO\r\n\r\n', 400],
  [
    'a Content-Length of a gigabyte, no body',
    'POST /api/signup HTTP/1.1\r\nHost: x\r\nOrigin: ORIGIN\r\nContent-Type: application/json\r\n' +
      'Content-Length: 1000000000\r\n\r\n',
    413,
  ],
  ['headers over 16 KiB', `GET /api/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`, 431],
  [
    'two Content-Lengths',
    'POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
    400,
  ],
];

function raw(origin, bytes) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      answer += chunk;
      if (/\r\n\r\n/.test(answer)) socket.destroy();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(20_000, () => socket.destroy(new Error('no answer in 20 s')));
    socket.write(bytes.replace('ORIGIN', origin));
  });
}

function badInputTests(getServer) {
  let enrolled;
  let known;
  before(async () => {
    enrolled = await enrolledUser(getServer().origin);
    known = await signedInUser(getServer().origin);
  });

  async function clientFor(as) {
    const origin = getServer().origin;
    if (as === 'pending') return (await pendingSessions([origin], enrolled, 1))[0];
    if (as === 'signed-in') return (await signedInUser(origin)).client;
    return new Client(origin);
  }

  for (const [name, request, expected] of ROWS) {
    test(`${expected} for ${name}`, async () => {
      const client = await clientFor(request.as);
      const body = request.as === 'known' ? { username: known.username, ...request.json } : request.json;
      const response = await client.request(request.method ?? 'POST', request.path, {
        json: body,
        body: request.body,
        headers: request.body !== undefined ? { ...json, ...request.headers } : request.headers,
        originHeader: request.originHeader,
      });
      assert.equal(response.status, expected, response.text);
      assert.equal(typeof response.json?.error, 'string', 'a JSON error');
      assert.equal(typeof response.json?.message, 'string');
      // The server answers the next request.
      assert.equal((await new Client(getServer().origin).get('/api/me')).status, 401);
    });
  }

  for (const [name, bytes, expected] of RAW) {
    test(`${expected} for ${name} (raw HTTP)`, async () => {
      const answer = await raw(getServer().origin, bytes);
      assert.match(answer, new RegExp(`^HTTP/1\\.1 ${expected} `), answer.slice(0, 200));
      assert.equal((await new Client(getServer().origin).get('/api/me')).status, 401);
    });
  }

  test('nothing sent was logged, and no 500', () => {
    const output = getServer().output();
    assertNoSecretsInLogs(output, [
      SENT_PASSWORD,
      enrolled.password,
      enrolled.secret,
      known.password,
      ...Client.tokens,
    ]);
    assert.doesNotMatch(output, / 5\d\d \d/);
    assert.doesNotMatch(output, /<script>|evil\.example|\ud800/);
  });
}

describe('on PGlite', { timeout: 600_000 }, () => {
  badInputTests(serverForSuite({ env: policyEnv(LENIENT) }));
});

describe('on PostgreSQL', { skip: pg.skip, timeout: 600_000 }, () => {
  badInputTests(serverForSuite({ databaseUrl: pg.url, env: policyEnv(LENIENT) }));
});
