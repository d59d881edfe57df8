// Errors the server did not expect: one raised after a request's body was read (here by a damaged row: a
// password hash in no format the server knows) is a 500 with nothing about it in the answer, and one line in the
// log; it is never taken for a client that went away. A client that does go away mid-body gets the quiet path:
// no error line. On PGlite and on PostgreSQL.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../src/db.js';
import { Client } from './helpers/client.js';
import { postgres } from './helpers/environment.js';
import { newUsername } from './helpers/flow.js';
import { assertNoSecretsInLogs, startServer, tempDataDir } from './helpers/server.js';

const pg = await postgres();
const PASSWORD = 'a-password-that-must-not-be-logged';

/** Waits (at most 5 s) until the server's log matches `pattern`: a line is logged just after its answer is sent. */
async function logged(server, pattern) {
  for (let wait = 0; !pattern.test(server.output()) && wait < 100; wait++) await sleep(50);
  assert.match(server.output(), pattern);
}

function errorTests(options) {
  const username = newUsername('damaged');
  let server;
  before(async () => {
    // Written before the server starts: PGlite's folder is one process's at a time.
    const { dataDir, databaseUrl } = options();
    const db = await openDatabase({ url: databaseUrl, dataDir });
    try {
      await db.query("INSERT INTO users (username, password_hash) VALUES ($1, 'not a password hash')", [username]);
    } finally {
      await db.close();
    }
    server = await startServer(options());
  });
  after(() => server?.stop());

  test('an error after the body is read: 500 internal_error, and logged', async () => {
    const response = await new Client(server.origin).post('/api/login', { username, password: PASSWORD });
    assert.equal(response.status, 500, response.text);
    assert.equal(response.json.error, 'internal_error');
    assert.doesNotMatch(response.text, /hash|malformed/, 'nothing about the error in the answer');
    await logged(server, /error in POST \/api\/login: Error: stored password hash is malformed\n/);
    await logged(server, /POST \/api\/login 500 /);
    assertNoSecretsInLogs(server.output(), [PASSWORD]);
  });

  test('a client gone mid-body: no error logged, and the server goes on', async () => {
    const mark = server.output().length;
    const { hostname, port } = new URL(server.origin);
    await new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(
          `POST /api/signup HTTP/1.1\r\nHost: x\r\nOrigin: ${server.origin}\r\nContent-Type: application/json\r\n` +
            'Content-Length: 100\r\n\r\n{"username":',
        );
        // Long enough for the server to be reading the body, then gone.
        setTimeout(() => socket.destroy(), 300);
      });
      socket.on('close', resolve);
      socket.on('error', reject);
    });
    await logged(server, /POST \/api\/signup 400 /);
    assert.doesNotMatch(server.output().slice(mark), /error in/);
    assert.equal((await new Client(server.origin).get('/api/me')).status, 401);
  });
}

describe('on PGlite', { timeout: 300_000 }, () => {
  let data;
  before(() => {
    data = tempDataDir();
  });
  after(() => data?.remove());
  errorTests(() => ({ dataDir: data.dir }));
});

describe('on PostgreSQL', { skip: pg.skip, timeout: 300_000 }, () => {
  errorTests(() => ({ databaseUrl: pg.url }));
});
