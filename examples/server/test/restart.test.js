// The server keeps no state of its own: stop it between enrollment and sign-in, start it again, and everything
// is still there: the user, 2FA on, the last used step, the recovery codes, even the sessions. On PGlite (its data
// folder) and on PostgreSQL.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Client } from './helpers/client.js';
import { postgres } from './helpers/environment.js';
import { enrolledUser, enrollingUser, freshCode } from './helpers/flow.js';
import { startServer, tempDataDir } from './helpers/server.js';

const pg = await postgres();

/** Enroll on one server process, stop it, start another on the same database, sign in there. */
async function restartTest(options) {
  let server = await startServer(options);
  try {
    const user = await enrolledUser(server.origin);
    // A second enrollment, stopped between enroll and confirm: the pending secret must survive too.
    const pendingUser = await enrollingUser(server.origin);
    await server.stop();

    server = await startServer(options);
    const rebind = (client) => Object.assign(client, { origin: server.origin });
    // The session from before the restart is still valid (it lives in the database).
    assert.deepEqual((await rebind(user.client).get('/api/me')).json, { username: user.username, mfa_enabled: true });

    const client = new Client(server.origin);
    const login = await client.post('/api/login', { username: user.username, password: user.password });
    assert.deepEqual(login.json, { mfa_required: true });
    // The confirmation's step was stored: while it is still the current step, its code is refused.
    const confirmation = freshCode(user.secret, user.lastStep - 1);
    if (confirmation.step === user.lastStep) {
      assert.equal((await client.post('/api/login/totp', { token: confirmation.token })).status, 401);
    }
    const { token } = freshCode(user.secret, user.lastStep);
    assert.equal((await client.post('/api/login/totp', { token })).status, 200);
    assert.deepEqual((await client.get('/api/me')).json, { username: user.username, mfa_enabled: true });

    const other = new Client(server.origin);
    await other.post('/api/login', { username: user.username, password: user.password });
    const recovery = await other.post('/api/login/recovery', { code: user.recoveryCodes[0] });
    assert.equal(recovery.status, 200);
    assert.equal(recovery.json.recovery_codes_left, 9);

    const again = await rebind(pendingUser.client).post('/api/2fa/enroll');
    assert.equal(again.json.secret, pendingUser.secret, 'the pending secret survived the restart');
  } finally {
    await server.stop();
  }
}

describe('state survives a restart', { timeout: 600_000 }, () => {
  const data = tempDataDir();
  after(() => data.remove());

  test('PGlite: the data folder', () => restartTest({ dataDir: data.dir }));

  test('PostgreSQL', { skip: pg.skip }, () => restartTest({ databaseUrl: pg.url }));
});
