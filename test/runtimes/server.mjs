// A tiny static file server for the browser runs: node:http on 127.0.0.1, a random port, read-only, no
// directory listings. `mounts` maps URL prefixes to folders ({ '/pkg/': '/tmp/x/node_modules/totp-config' });
// the longest matching prefix wins. Every request is recorded so a test can assert what the page asked for.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts the server.
 * @param {Record<string, string>} mounts URL prefix (ending in '/') -> folder
 * @param {{ routes?: Record<string, { type: string, body: string }> }} [options] exact paths served from memory
 * @returns {Promise<{ origin: string, requests: string[], close(): Promise<void> }>}
 */
export async function startStaticServer(mounts, options = {}) {
  const routes = options.routes ?? {};
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed');
    const route = routes[url.pathname];
    if (route) return send(200, route.type, route.body);
    const prefix = prefixes.find((p) => url.pathname.startsWith(p));
    if (!prefix) return send(404, 'text/plain', 'not found');
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      return send(400, 'text/plain', 'bad path');
    }
    const base = resolve(mounts[prefix]);
    let file = resolve(base, rel || 'index.html');
    // Nothing outside the mounted folder, whatever '..' or '%2e%2e' the path holds.
    if (file !== base && !file.startsWith(base + sep)) return send(403, 'text/plain', 'forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      return send(200, TYPES[extname(file)] ?? 'application/octet-stream', req.method === 'HEAD' ? undefined : body);
    } catch {
      return send(404, 'text/plain', 'not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
