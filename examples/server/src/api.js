// The JSON API: sign-up, sign-in with a password then a TOTP code or a recovery code, enrollment, sign-out.
// Each handler takes the request and returns { status, json, headers? } or throws an HttpError (a 4xx answer).
//
// The rules that matter, and where they are kept:
//   - a TOTP code is accepted by one conditional UPDATE of totp_last_step, never by a read then a write
//     (loginTotp); a recovery code by one DELETE ... RETURNING (loginRecovery);
//   - every password and second-factor attempt is counted before it is checked (attempts.js);
//   - 2FA is on only once the first code is confirmed; until then enroll returns the same pending secret;
//   - no answer and no log line carries a password, a secret, a code or a session token.
import { chargeAttempt, settleSuccess } from './attempts.js';
import { HttpError, readJsonObject, stringField } from './http.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import {
  formatOtpauthUri,
  generateRecoveryCodes,
  generateSecret,
  hashRecoveryCode,
  qrSvg,
  verifyRecoveryCode,
  verifyTotp,
} from './totp.js';

/** Usernames are also the account name in the authenticator app: keep them to plain, unambiguous ASCII. */
const USERNAME = /^[a-z0-9][a-z0-9._@+-]{2,63}$/;
/** ±1 step: a code from the previous or the next 30 s is accepted too, for clocks a little off and slow typing. */
const WINDOW = 1;

const notSignedIn = () => new HttpError(401, 'not_signed_in', 'sign in first');
const wrongCode = () => new HttpError(401, 'wrong_code', 'the code is wrong, expired or already used');

/**
 * @param {{ db: object, sessions: import('./sessions.js').Sessions, policy: object | undefined, scryptCost: number,
 *   issuer: string }} config
 */
export function createApi({ db, sessions, policy, scryptCost, issuer }) {
  /** Counts an attempt or answers 429 with Retry-After (seconds, rounded up). */
  async function charge(userId, kind) {
    const verdict = await chargeAttempt(db, userId, kind, policy);
    if (verdict.allowed) return;
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    throw new HttpError(429, 'too_many_attempts', `too many attempts: try again in ${seconds} s`, {
      'retry-after': String(seconds),
    });
  }

  async function completeSession(session) {
    const cookie = await sessions.complete(session);
    if (cookie === null) throw new HttpError(401, 'session_expired', 'the sign-in expired: start again');
    return cookie;
  }

  /** The caller's session if it is at `stage`, else 401. */
  async function requireSession(req, stage) {
    const session = await sessions.find(req);
    if (session === null || session.stage !== stage) {
      throw stage === 'pending'
        ? new HttpError(401, 'no_pending_sign_in', 'sign in with your password first')
        : notSignedIn();
    }
    return session;
  }

  function credentials(body) {
    const username = stringField(body, 'username', { min: 3, max: 64 }).toLowerCase();
    if (!USERNAME.test(username)) {
      throw new HttpError(
        400,
        'invalid_field',
        '"username" must be 3 to 64 of a-z 0-9 . _ @ + - and start with a letter or digit',
      );
    }
    // At most 256 characters: enough for any passphrase, and it bounds the work one request can ask of scrypt.
    const password = stringField(body, 'password', { min: 8, max: 256 });
    return { username, password };
  }

  return {
    /** POST /api/signup {username, password} → 201 {username}; 409 if the name is taken. */
    async signup(req) {
      const { username, password } = credentials(await readJsonObject(req));
      const passwordHash = await hashPassword(password, scryptCost);
      const { rows } = await db.query(
        'INSERT INTO users (username, password_hash) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING RETURNING id',
        [username, passwordHash],
      );
      if (rows.length === 0) throw new HttpError(409, 'username_taken', 'that username is taken');
      return { status: 201, json: { username } };
    },

    /** POST /api/login {username, password} → 200 {mfa_required}, with a pending or complete session. */
    async login(req) {
      const { username, password } = credentials(await readJsonObject(req));
      const { rows } = await db.query(
        'SELECT id, password_hash, totp_secret IS NOT NULL AS mfa FROM users WHERE username = $1',
        [username],
      );
      if (rows.length === 0) {
        await verifyPassword(password, await decoyHash(scryptCost)); // same time as for a real user
        throw new HttpError(401, 'wrong_credentials', 'wrong username or password');
      }
      const user = rows[0];
      await charge(user.id, 'password_throttle');
      if (!(await verifyPassword(password, user.password_hash))) {
        throw new HttpError(401, 'wrong_credentials', 'wrong username or password');
      }
      await settleSuccess(db, user.id, 'password_throttle', policy);
      const cookie = await sessions.start(req, user.id, user.mfa ? 'pending' : 'complete');
      return { status: 200, json: { mfa_required: user.mfa }, headers: { 'set-cookie': cookie } };
    },

    /** POST /api/login/totp {token} → 200 (signed in), 401 (wrong or replayed), 429 (throttled). */
    async loginTotp(req) {
      const token = stringField(await readJsonObject(req), 'token', { max: 32 });
      const session = await requireSession(req, 'pending');
      await charge(session.userId, 'mfa_throttle');
      const { rows } = await db.query('SELECT totp_secret, totp_last_step FROM users WHERE id = $1', [session.userId]);
      const user = rows[0];
      // `after` skips the steps already used; it is a fast path, not the protection: two requests can both
      // read the same totp_last_step. The UPDATE below is the protection.
      const match = user?.totp_secret
        ? verifyTotp(token, user.totp_secret, { window: WINDOW, after: user.totp_last_step })
        : null;
      if (match === null) throw wrongCode();
      // One statement both checks and records that this step is new. PostgreSQL runs concurrent UPDATEs of one
      // row one after the other, and the second re-checks its WHERE against the row the first left: so of any
      // number of requests with this code, exactly one sees rowCount 1.
      const { rowCount } = await db.query(
        `UPDATE users SET totp_last_step = $1
         WHERE id = $2 AND totp_secret = $3 AND (totp_last_step IS NULL OR totp_last_step < $1)`,
        [match.step, session.userId, user.totp_secret],
      );
      if (rowCount !== 1) throw wrongCode(); // replayed: another request used this code first
      await settleSuccess(db, session.userId, 'mfa_throttle', policy);
      return { status: 200, json: { ok: true }, headers: { 'set-cookie': await completeSession(session) } };
    },

    /** POST /api/login/recovery {code} → 200 {recovery_codes_left}, 401, 429. Each code works once. */
    async loginRecovery(req) {
      const code = stringField(await readJsonObject(req), 'code', { max: 64 });
      const session = await requireSession(req, 'pending');
      await charge(session.userId, 'mfa_throttle');
      const { rows } = await db.query('SELECT id, code_hash FROM recovery_codes WHERE user_id = $1 ORDER BY id', [
        session.userId,
      ]);
      const index = verifyRecoveryCode(
        code,
        rows.map((row) => row.code_hash),
      );
      if (index < 0) throw wrongCode();
      // The code is used up by deleting its row; of concurrent requests with one code, only one deletes it.
      const deleted = await db.query('DELETE FROM recovery_codes WHERE id = $1 AND user_id = $2 RETURNING id', [
        rows[index].id,
        session.userId,
      ]);
      if (deleted.rowCount !== 1) throw wrongCode();
      await settleSuccess(db, session.userId, 'mfa_throttle', policy);
      const cookie = await completeSession(session);
      return {
        status: 200,
        json: { ok: true, recovery_codes_left: rows.length - 1 },
        headers: { 'set-cookie': cookie },
      };
    },

    /**
     * POST /api/2fa/enroll → 200 {otpauth_str, secret, qr_svg}. The first call stores a pending secret; later
     * calls return that same one until it is confirmed (a reload must not change the secret the user scanned).
     */
    async enroll(req) {
      const session = await requireSession(req, 'complete');
      // COALESCE keeps a pending secret that exists, in the same statement that would store a new one: two
      // concurrent first calls get the same secret.
      const { rows } = await db.query(
        `UPDATE users SET totp_pending_secret = COALESCE(totp_pending_secret, $1)
         WHERE id = $2 AND totp_secret IS NULL RETURNING totp_pending_secret`,
        [generateSecret(), session.userId],
      );
      if (rows.length === 0) throw new HttpError(409, 'mfa_already_enabled', 'two-factor authentication is already on');
      const secret = rows[0].totp_pending_secret;
      const otpauth_str = formatOtpauthUri({ secret, account: session.username, issuer });
      return { status: 200, json: { otpauth_str, secret, qr_svg: qrSvg(otpauth_str) } };
    },

    /**
     * POST /api/2fa/confirm {token} → 200 {recovery_codes}. Turns 2FA on, in one transaction with storing the
     * hashed recovery codes. The codes are in this answer only.
     */
    async confirm(req) {
      const token = stringField(await readJsonObject(req), 'token', { max: 32 });
      const session = await requireSession(req, 'complete');
      const { rows } = await db.query('SELECT totp_pending_secret, totp_secret FROM users WHERE id = $1', [
        session.userId,
      ]);
      const user = rows[0];
      if (user.totp_secret !== null)
        throw new HttpError(409, 'mfa_already_enabled', 'two-factor authentication is already on');
      if (user.totp_pending_secret === null)
        throw new HttpError(409, 'not_enrolling', 'start with POST /api/2fa/enroll');
      const match = verifyTotp(token, user.totp_pending_secret, { window: WINDOW });
      if (match === null) throw wrongCode();
      const codes = generateRecoveryCodes();
      const hashes = codes.map((code) => hashRecoveryCode(code));
      await db.transaction(async (tx) => {
        // totp_last_step = this code's step, so the code that confirmed cannot also sign in.
        const enabled = await tx.query(
          `UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = $1
           WHERE id = $2 AND totp_pending_secret = $3 AND totp_secret IS NULL`,
          [match.step, session.userId, user.totp_pending_secret],
        );
        if (enabled.rowCount !== 1)
          throw new HttpError(409, 'mfa_already_enabled', 'two-factor authentication is already on');
        await tx.query('DELETE FROM recovery_codes WHERE user_id = $1', [session.userId]);
        // One statement for all the codes: a JavaScript array is a text[] parameter in PGlite and in pg alike.
        await tx.query('INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])', [
          session.userId,
          hashes,
        ]);
      });
      return { status: 200, json: { recovery_codes: codes } };
    },

    /** POST /api/logout → 200, whether or not there was a session. */
    async logout(req) {
      return { status: 200, json: { ok: true }, headers: { 'set-cookie': await sessions.end(req) } };
    },

    /** GET /api/me → 200 {username, mfa_enabled}; 401 when signed out or between password and code. */
    async me(req) {
      const session = await sessions.find(req);
      if (session?.stage === 'pending')
        throw new HttpError(401, 'second_factor_required', 'enter your code to finish signing in');
      if (session === null) throw notSignedIn();
      return { status: 200, json: { username: session.username, mfa_enabled: session.mfaEnabled } };
    },
  };
}
