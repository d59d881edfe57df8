// Sessions: a random 256-bit token in an HttpOnly, SameSite=Strict cookie (Secure outside localhost), and its
// SHA-256 in the sessions table. A session is 'pending' between the password and the second factor, 'complete'
// once signed in. Every change of stage issues a new token, so a token seen before sign-in is worth nothing after.
import { createHash, randomBytes } from 'node:crypto';
import { readCookie } from './http.js';

const PENDING_SECONDS = 10 * 60; // time to type a code after the password
const COMPLETE_SECONDS = 12 * 60 * 60;
const TOKEN = /^[A-Za-z0-9_-]{43}$/; // 32 bytes in base64url

const hash = (token) => createHash('sha256').update(token).digest('hex');

export class Sessions {
  /**
   * @param {object} db - see db.js
   * @param {{ secure: boolean }} options - `secure`: set the Secure attribute and the __Host- name (not on
   *   http://localhost, where browsers would drop a Secure cookie sent without TLS).
   */
  constructor(db, { secure }) {
    this.db = db;
    this.secure = secure;
    // __Host-: the browser accepts it only with Secure, Path=/ and no Domain, so no subdomain can set it.
    this.cookieName = secure ? '__Host-session' : 'session';
  }

  /** The request's token, if it has one that looks like ours. */
  token(req) {
    const value = readCookie(req, this.cookieName);
    return value !== undefined && TOKEN.test(value) ? value : undefined;
  }

  /**
   * @returns {Promise<{ userId: number, username: string, mfaEnabled: boolean, stage: string, token: string } | null>}
   *   the live session, if any, with what /api/me shows of its user; `token` is the cookie's (complete() needs it).
   */
  async find(req) {
    const token = this.token(req);
    if (token === undefined) return null;
    const { rows } = await this.db.query(
      `SELECT s.user_id, s.stage, u.username, u.totp_secret IS NOT NULL AS mfa_enabled
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hash(token)],
    );
    if (rows.length !== 1) return null;
    const [row] = rows;
    return { userId: row.user_id, username: row.username, mfaEnabled: row.mfa_enabled, stage: row.stage, token };
  }

  /** Starts a session at `stage`, ending the one the request came with; returns the Set-Cookie header. */
  async start(req, userId, stage) {
    await this.end(req);
    const token = randomBytes(32).toString('base64url');
    const seconds = stage === 'complete' ? COMPLETE_SECONDS : PENDING_SECONDS;
    await this.db.query(
      `INSERT INTO sessions (token_hash, user_id, stage, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [hash(token), userId, stage, seconds],
    );
    // Expired rows are swept here rather than by a timer: the server keeps no state and runs no background work.
    await this.db.query('DELETE FROM sessions WHERE expires_at < now()');
    return this.cookie(token, seconds);
  }

  /**
   * Turns a pending session into a complete one under a new token, in one statement; returns the Set-Cookie
   * header, or null if the session was no longer pending (ended, expired, or completed by a concurrent request).
   */
  async complete(session) {
    const token = randomBytes(32).toString('base64url');
    const { rowCount } = await this.db.query(
      `UPDATE sessions SET token_hash = $1, stage = 'complete', expires_at = now() + make_interval(secs => $2)
       WHERE token_hash = $3 AND stage = 'pending' AND expires_at > now()`,
      [hash(token), COMPLETE_SECONDS, hash(session.token)],
    );
    return rowCount === 1 ? this.cookie(token, COMPLETE_SECONDS) : null;
  }

  /** Ends the request's session, if any; returns the Set-Cookie header that clears the cookie. */
  async end(req) {
    const token = this.token(req);
    if (token !== undefined) await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [hash(token)]);
    return this.cookie('', 0);
  }

  cookie(value, maxAge) {
    const secure = this.secure ? '; Secure' : '';
    return `${this.cookieName}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
  }
}
