// Starts the server. Configuration, all from the environment:
//   PORT            default 3000 (0: any free port; the line printed at start says which)
//   HOST            default 127.0.0.1
//   DATABASE_URL    postgres://user:password@host:port/database: use that PostgreSQL; unset: PGlite in DATA_DIR
//   DATA_DIR        PGlite's folder, default examples/server/data
//   ORIGIN          the site's public origin, e.g. https://2fa.example.com; unset: http://localhost:PORT and
//                   http://127.0.0.1:PORT. Cookies are Secure unless its host is localhost or a loopback address.
//   ISSUER          the service name shown in authenticator apps, default "totp-config example"
//   THROTTLE_POLICY JSON, a partial throttle policy: fields left out keep totp-config's DEFAULT_THROTTLE_POLICY
//   SCRYPT_LOG2_N   scrypt cost, default 17
//   PG_POOL_SIZE    connections per process to PostgreSQL, default 10
import { createServer, STATUS_CODES } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandler } from './app.js';
import { policyFromEnv } from './attempts.js';
import { openDatabase } from './db.js';
import { costFromEnv } from './passwords.js';
import { Sessions } from './sessions.js';

const env = process.env;
const log = (line) => console.log(`${new Date().toISOString()} ${line}`);

function fail(message) {
  console.error(`cannot start: ${message}`);
  process.exit(1);
}

function intFromEnv(name, fallback, min, max) {
  if (env[name] === undefined || env[name] === '') return fallback;
  const value = Number(env[name]);
  if (!Number.isInteger(value) || value < min || value > max) fail(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

const isLoopback = (hostname) => ['localhost', '127.0.0.1', '[::1]'].includes(hostname);

let scryptCost;
let policy;
try {
  scryptCost = costFromEnv(env);
  policy = policyFromEnv(env);
} catch (error) {
  fail(error.message);
}
const port = intFromEnv('PORT', 3000, 0, 65535);
let origin = null;
if (env.ORIGIN) {
  try {
    origin = new URL(env.ORIGIN).origin;
  } catch {
    fail('ORIGIN must be an origin such as https://2fa.example.com');
  }
  if (origin === 'null') fail('ORIGIN must be an http: or https: origin');
}
const host = env.HOST || '127.0.0.1';
let db;
try {
  db = await openDatabase({
    url: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || join(dirname(fileURLToPath(import.meta.url)), '..', 'data'),
    poolSize: intFromEnv('PG_POOL_SIZE', 10, 1, 100),
  });
} catch (error) {
  // Not the URL itself: it may hold a password.
  fail(`the database did not open (${error.code ?? error.message})`);
}

const server = createServer();
server.headersTimeout = 10_000;
server.requestTimeout = 30_000;
server.keepAliveTimeout = 5_000;
// Malformed HTTP that never reaches the handler (a bad request line, oversized headers): answer 400 and close.
server.on('clientError', (error, socket) => {
  if (!socket.writable) return socket.destroy();
  const [status, code] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers_too_large'] : [400, 'bad_request'];
  const body = JSON.stringify({ error: code, message: 'malformed HTTP request' });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\n` +
      `content-length: ${body.length}\r\n` +
      `connection: close\r\n\r\n${body}`,
  );
});

server.listen(port, host, () => {
  const actual = server.address().port;
  const allowedOrigins = new Set(origin ? [origin] : [`http://localhost:${actual}`, `http://127.0.0.1:${actual}`]);
  const secure = origin !== null && !isLoopback(new URL(origin).hostname);
  const sessions = new Sessions(db, { secure });
  server.on(
    'request',
    createHandler({
      db,
      sessions,
      policy,
      scryptCost,
      issuer: env.ISSUER || 'totp-config example',
      allowedOrigins,
      log,
    }),
  );
  log(`database: ${db.description}`);
  log(`listening on http://${host.includes(':') ? `[${host}]` : host}:${actual}`);
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  server.close();
  // Idle keep-alive connections would hold close() open; requests in flight get a moment to finish.
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), 5_000);
  await new Promise((resolve) => server.on('close', resolve));
  clearTimeout(timer);
  // PGlite writes its files on close: a clean stop is what keeps the data folder consistent.
  await db.close();
  log('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
