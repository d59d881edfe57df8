// The JSON contract, step by step, on PGlite: status codes and fields, cookies, the pending secret reused until
// confirmed, 2FA on only after confirmation, codes single-use, sign-out, and logs free of secrets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client } from './helpers/client.js';
import { enrolledUser, freshCode, newUsername, signedInUser, wrongCode } from './helpers/flow.js';
import { policyEnv, LENIENT } from './helpers/policies.js';
import { assertNoSecretsInLogs, serverForSuite, startServer, tempDataDir } from './helpers/server.js';

const secrets = [];
const server = serverForSuite({ env: policyEnv(LENIENT) });

describe('the JSON contract', { timeout: 300_000 }, () => {
  test('sign-up: 201 {username}; the same name again: 409', async () => {
    const client = new Client(server().origin);
    const username = newUsername();
    const password = 'a long enough password';
    secrets.push(password);
    const first = await client.post('/api/signup', { username, password });
    assert.equal(first.status, 201);
    assert.deepEqual(first.json, { username });
    const again = await client.post('/api/signup', { username: username.toUpperCase(), password });
    assert.equal(again.status, 409, 'usernames are case-insensitive');
    assert.equal(again.json.error, 'username_taken');
  });

  test('sign-in without 2FA: {mfa_required: false}, a complete session, HttpOnly SameSite=Strict', async () => {
    const user = await signedInUser(server().origin);
    secrets.push(user.password);
    const login = await new Client(server().origin).post('/api/login', {
      username: user.username,
      password: user.password,
    });
    assert.equal(login.status, 200);
    assert.deepEqual(login.json, { mfa_required: false });
    const cookie = login.headers['set-cookie'][0];
    assert.match(cookie, /^session=[A-Za-z0-9_-]{43}; /);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Strict/);
    assert.doesNotMatch(cookie, /Secure/, 'no Secure attribute on http://127.0.0.1');
    const me = await user.client.get('/api/me');
    assert.equal(me.status, 200);
    assert.deepEqual(me.json, { username: user.username, mfa_enabled: false });
  });

  test('wrong password and unknown user: the same 401', async () => {
    const user = await signedInUser(server().origin);
    const wrong = await new Client(server().origin).post('/api/login', {
      username: user.username,
      password: 'not the password',
    });
    const unknown = await new Client(server().origin).post('/api/login', {
      username: newUsername(),
      password: 'not the password',
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(wrong.json, unknown.json);
    assert.equal(wrong.headers['set-cookie'], undefined);
  });

  test('enroll: the same pending secret on every call until confirmed; 2FA stays off until then', async () => {
    const user = await signedInUser(server().origin);
    const first = await user.client.post('/api/2fa/enroll');
    assert.equal(first.status, 200);
    assert.deepEqual(Object.keys(first.json).sort(), ['otpauth_str', 'qr_svg', 'secret']);
    assert.match(first.json.secret, /^[A-Z2-7]{32}$/);
    assert.equal(new URL(first.json.otpauth_str).searchParams.get('secret'), first.json.secret);
    assert.match(first.json.qr_svg, /^<svg /);
    secrets.push(first.json.secret);
    // Repeated, and concurrently: still the one secret.
    const again = await Promise.all([1, 2, 3].map(() => user.client.post('/api/2fa/enroll')));
    for (const response of again) assert.deepEqual(response.json, first.json);

    // Not on yet: /api/me says so and a new sign-in asks for no code.
    assert.equal((await user.client.get('/api/me')).json.mfa_enabled, false);
    const login = await new Client(server().origin).post('/api/login', {
      username: user.username,
      password: user.password,
    });
    assert.equal(login.json.mfa_required, false);

    // A wrong code does not confirm; the right one does, and returns 10 recovery codes once.
    const wrong = await user.client.post('/api/2fa/confirm', { token: wrongCode(first.json.secret) });
    assert.equal(wrong.status, 401);
    assert.equal((await user.client.get('/api/me')).json.mfa_enabled, false);
    const { token } = freshCode(first.json.secret, -1);
    const confirm = await user.client.post('/api/2fa/confirm', { token });
    assert.equal(confirm.status, 200);
    assert.equal(confirm.json.recovery_codes.length, 10);
    assert.equal(new Set(confirm.json.recovery_codes).size, 10);
    secrets.push(...confirm.json.recovery_codes);
    assert.equal((await user.client.get('/api/me')).json.mfa_enabled, true);

    // Now enroll and confirm refuse: a second secret would silently replace the one in the app.
    assert.equal((await user.client.post('/api/2fa/enroll')).status, 409);
    assert.equal((await user.client.post('/api/2fa/confirm', { token })).status, 409);
  });

  test('sign-in with 2FA: pending until the code; the confirming code and a used code are refused', async () => {
    const user = await enrolledUser(server().origin);
    secrets.push(user.password, user.secret, ...user.recoveryCodes);
    const client = new Client(server().origin);
    const login = await client.post('/api/login', { username: user.username, password: user.password });
    assert.deepEqual(login.json, { mfa_required: true });
    const pendingCookie = client.cookies.get('session');
    // Pending is not signed in.
    const me = await client.get('/api/me');
    assert.equal(me.status, 401);
    assert.equal(me.json.error, 'second_factor_required');
    assert.equal((await client.post('/api/2fa/enroll')).status, 401);

    // The confirmation code's step is used up.
    const confirmCode = freshCode(user.secret, user.lastStep - 1);
    if (confirmCode.step === user.lastStep) {
      assert.equal((await client.post('/api/login/totp', { token: confirmCode.token })).status, 401);
    }
    const { token } = freshCode(user.secret, user.lastStep);
    const ok = await client.post('/api/login/totp', { token });
    assert.equal(ok.status, 200, ok.text);
    assert.notEqual(client.cookies.get('session'), pendingCookie, 'a new session token once signed in');
    assert.deepEqual((await client.get('/api/me')).json, { username: user.username, mfa_enabled: true });

    // The same code, from a new pending session: refused.
    const other = new Client(server().origin);
    await other.post('/api/login', { username: user.username, password: user.password });
    const replay = await other.post('/api/login/totp', { token });
    assert.equal(replay.status, 401);
    assert.equal(replay.json.error, 'wrong_code');
  });

  test('recovery codes: each works once, whatever the case and dashes; the count left is returned', async () => {
    const user = await enrolledUser(server().origin);
    secrets.push(user.password, user.secret, ...user.recoveryCodes);
    const signIn = async (code) => {
      const client = new Client(server().origin);
      await client.post('/api/login', { username: user.username, password: user.password });
      return client.post('/api/login/recovery', { code });
    };
    const typed = user.recoveryCodes[3].toLowerCase().replaceAll('-', ' ');
    const first = await signIn(typed);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.recovery_codes_left, 9);
    assert.equal((await signIn(user.recoveryCodes[3])).status, 401, 'used up');
    assert.equal((await signIn('not-a-code')).status, 401);
    assert.equal((await signIn(user.recoveryCodes[4])).json.recovery_codes_left, 8);
  });

  test('sign-out ends the session on the server, not only in the browser', async () => {
    const user = await signedInUser(server().origin);
    const token = user.client.cookies.get('session');
    const out = await user.client.post('/api/logout');
    assert.equal(out.status, 200);
    assert.match(out.headers['set-cookie'][0], /^session=; .*Max-Age=0/);
    const stale = new Client(server().origin);
    stale.cookies.set('session', token);
    assert.equal((await stale.get('/api/me')).status, 401);
  });

  test("state-changing requests need this site's Origin", async () => {
    const user = await signedInUser(server().origin);
    for (const originHeader of [
      null,
      'https://evil.example',
      'null',
      server().origin.replace('127.0.0.1', '127.0.0.2'),
    ]) {
      const response = await user.client.post('/api/2fa/enroll', undefined, { originHeader });
      assert.equal(response.status, 403, `Origin ${originHeader}`);
      assert.equal(response.json.error, 'bad_origin');
    }
    assert.equal((await user.client.post('/api/2fa/enroll')).status, 200);
  });

  test('the page: strict CSP, nothing remote', async () => {
    const page = await new Client(server().origin).get('/');
    assert.equal(page.status, 200);
    const csp = page.headers['content-security-policy'];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.doesNotMatch(page.text, /https?:\/\//, 'no absolute URL in the page');
  });

  test('no password, secret, code or session token in the log', () => {
    assert.ok(Client.tokens.length > 0, 'the clients kept their session tokens');
    assertNoSecretsInLogs(server().output(), [...secrets, ...Client.tokens]);
    assert.match(server().output(), /POST \/api\/login\/totp 200/);
  });
});

test('outside localhost (ORIGIN=https://…): Secure __Host- cookie, and only that origin is accepted', {
  timeout: 300_000,
}, async () => {
  const dir = tempDataDir();
  const site = 'https://2fa.example.com';
  const remote = await startServer({ dataDir: dir.dir, env: { ORIGIN: site } });
  try {
    const client = new Client(remote.origin);
    const user = { username: newUsername(), password: 'a long enough password' };
    assert.equal((await client.post('/api/signup', user)).status, 403, 'the local origin is not the site');
    assert.equal((await client.post('/api/signup', user, { originHeader: site })).status, 201);
    const login = await client.post('/api/login', user, { originHeader: site });
    assert.match(
      login.headers['set-cookie'][0],
      /^__Host-session=[A-Za-z0-9_-]{43}; Path=\/; .*HttpOnly; SameSite=Strict; Secure$/,
    );
  } finally {
    await remote.stop();
    dir.remove();
  }
});
