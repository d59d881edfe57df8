// A small HTTP client for the tests: one cookie jar per instance (one browser, one session), the Origin header a
// browser would send, raw bodies and headers when a test wants to send something no browser would.
import { Agent, request } from 'node:http';

// A new connection per request: a kept-alive socket that the server closes as idle (keepAliveTimeout) just as a
// request is written on it would fail that request with ECONNRESET, a flake that says nothing about the server.
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

export class Client {
  /** @param {string} origin - the server this client talks to by default, e.g. http://127.0.0.1:4321 */
  constructor(origin) {
    this.origin = origin;
    this.cookies = new Map();
  }

  /** Every session token any client of this process has held, for the tests that check they never reach a log. */
  static tokens = [];

  /**
   * @param {string} method
   * @param {string} path
   * @param {{ json?: unknown, body?: string | Buffer, headers?: Record<string, string | undefined>, to?: string,
   *   originHeader?: string | null }} [options] - `to`: another server than this.origin (the Origin header follows it);
   *   `originHeader`: null sends none.
   * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, json: any, text: string }>}
   */
  request(method, path, { json, body, headers = {}, to = this.origin, originHeader } = {}) {
    const url = new URL(path, to);
    const all = { ...headers };
    if (json !== undefined) {
      body = JSON.stringify(json);
      all['content-type'] ??= 'application/json';
    }
    const origin = originHeader === undefined ? url.origin : originHeader;
    if (origin !== null && method !== 'GET') all.origin = origin;
    if (this.cookies.size > 0) all.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    for (const [name, value] of Object.entries(all)) if (value === undefined) delete all[name];
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers: all, agent }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          this.keepCookies(res.headers['set-cookie'] ?? []);
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, json: parsed, text });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  post(path, json, options = {}) {
    return this.request('POST', path, { json, ...options });
  }

  get(path, options = {}) {
    return this.request('GET', path, options);
  }

  keepCookies(lines) {
    for (const line of lines) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') this.cookies.delete(name);
      else {
        this.cookies.set(name, value);
        Client.tokens.push(value);
      }
    }
  }
}
