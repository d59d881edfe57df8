// The request handler: routes, the Origin check on state-changing requests, the page and its headers, and the
// one place where errors become answers. Whatever a request holds, the answer is JSON, a 4xx for bad input,
// and the process goes on serving.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi } from './api.js';
import { HttpError, send, sendError, sendJson } from './http.js';

const PUBLIC = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

// The page loads its own script and style and nothing else; the QR code arrives as an SVG shown through a data:
// URL in an <img> (where SVG cannot run script). Trusted Types forbid innerHTML and friends altogether.
const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

function staticFile(name, contentType) {
  const body = readFileSync(join(PUBLIC, name));
  return async () => ({
    status: 200,
    body,
    contentType,
    headers: { 'content-security-policy': PAGE_CSP, 'cache-control': 'no-cache' },
  });
}

/**
 * @param {{ db: object, sessions: object, policy: object | undefined, scryptCost: number, issuer: string,
 *   allowedOrigins: Set<string>, log: (line: string) => void }} config
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
export function createHandler(config) {
  const api = createApi(config);
  const routes = new Map([
    ['GET /', staticFile('index.html', 'text/html; charset=utf-8')],
    ['GET /app.js', staticFile('app.js', 'text/javascript; charset=utf-8')],
    ['GET /style.css', staticFile('style.css', 'text/css; charset=utf-8')],
    ['POST /api/signup', api.signup],
    ['POST /api/login', api.login],
    ['POST /api/login/totp', api.loginTotp],
    ['POST /api/login/recovery', api.loginRecovery],
    ['POST /api/2fa/enroll', api.enroll],
    ['POST /api/2fa/confirm', api.confirm],
    ['POST /api/logout', api.logout],
    ['GET /api/me', api.me],
  ]);
  const paths = new Map();
  for (const key of routes.keys()) {
    const [method, path] = key.split(' ');
    paths.set(path, [...(paths.get(path) ?? []), method]);
  }

  function route(req) {
    let path;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      throw new HttpError(400, 'invalid_url', 'the request URL is malformed');
    }
    const key = `${req.method} ${path}`;
    const handler = routes.get(key);
    if (handler) return { key, handler };
    const allowed = paths.get(path);
    if (allowed)
      throw new HttpError(405, 'method_not_allowed', `use ${allowed.join(' or ')}`, { allow: allowed.join(', ') });
    throw new HttpError(404, 'not_found', 'no such path');
  }

  /**
   * A browser sends Origin with every POST; another site's page that makes the victim's browser post here
   * carries that site's origin. (SameSite=Strict already keeps our cookie off such requests; this is the
   * second lock, and it also stops requests that need no cookie, like sign-up.)
   */
  function checkOrigin(req) {
    const origin = req.headers.origin;
    if (typeof origin !== 'string' || !config.allowedOrigins.has(origin)) {
      throw new HttpError(403, 'bad_origin', 'requests that change state must come from this site (Origin header)');
    }
  }

  /** What to answer for an error thrown while handling a request. */
  function asHttpError(error, label) {
    if (error instanceof HttpError) return error;
    // The client went away mid-body: nobody to answer, nothing to log. (Not `req.destroyed`: Node destroys every
    // request once its body is read, so that would hide each later error, from the database or a bug, as this.)
    if (error?.code === 'ECONNRESET' || error?.code === 'ERR_STREAM_PREMATURE_CLOSE') {
      return new HttpError(400, 'aborted', 'the request was aborted');
    }
    // A bug or the database: log what it was (library and database messages carry no secret; the request body is
    // never logged), and answer with nothing about it.
    const code = error?.code ? ` ${error.code}` : '';
    config.log(`error in ${label}: ${error?.name ?? 'Error'}${code}: ${error?.message}`);
    return new HttpError(500, 'internal_error', 'something went wrong on our side');
  }

  return async function handle(req, res) {
    const started = performance.now();
    let label = `${req.method} (no route)`;
    let status = 500;
    try {
      const { key, handler } = route(req);
      label = key;
      if (req.method !== 'GET') checkOrigin(req);
      const result = await handler(req);
      status = result.status;
      if (result.body !== undefined) send(res, status, result.body, result.contentType, result.headers);
      else sendJson(res, status, result.json, result.headers);
    } catch (error) {
      const answer = asHttpError(error, label);
      status = answer.status;
      if (!res.headersSent && !res.destroyed) sendError(res, answer);
    } finally {
      config.log(`${label} ${status} ${(performance.now() - started).toFixed(1)}ms`);
    }
  };
}
