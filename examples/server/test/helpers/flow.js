// The steps of the flow as the tests use them, codes computed with the library (as an authenticator app would).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { generateTotp, totpStep, verifyTotp } from 'totp-config';
import { Client } from './client.js';

const PERIOD_MS = 30_000;

const currentStep = () => totpStep();

/**
 * A code the server must accept now for a user whose last accepted step is `lastStep`: the current step's, or
 * the next one's (inside the ±1 window) when the current one is used up.
 */
export function freshCode(secret, lastStep) {
  const step = Math.max(currentStep(), lastStep + 1);
  return { token: generateTotp(secret, { time: step * PERIOD_MS }), step };
}

/**
 * A 6-digit code that is none of the codes from two steps back to two steps ahead, as the library itself says: one
 * step wider than the server's ±1, so that it is still wrong when a step ends while a test uses it.
 */
export function wrongCode(secret) {
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (verifyTotp(candidate, secret, { window: 2 }) === null) return candidate;
  }
}

export const newUsername = (prefix = 'user') => `${prefix}-${randomBytes(6).toString('hex')}`;

/** Signs up and signs in (no 2FA yet); returns the signed-in client. */
export async function signedInUser(origin, prefix) {
  const user = { username: newUsername(prefix), password: `pw-${randomBytes(12).toString('base64url')}` };
  const client = new Client(origin);
  const signup = await client.post('/api/signup', user);
  assert.equal(signup.status, 201, signup.text);
  const login = await client.post('/api/login', user);
  assert.equal(login.status, 200, login.text);
  assert.equal(login.json.mfa_required, false);
  return { ...user, client };
}

/**
 * A user half-way through enrollment: sign-up, sign-in, enroll (a pending secret, 2FA not on yet).
 * @returns {Promise<{ username, password, client, secret, otpauth }>}
 */
export async function enrollingUser(origin, prefix) {
  const user = await signedInUser(origin, prefix);
  const enroll = await user.client.post('/api/2fa/enroll');
  assert.equal(enroll.status, 200, enroll.text);
  return { ...user, secret: enroll.json.secret, otpauth: enroll.json.otpauth_str };
}

/**
 * A user with 2FA on: sign-up, sign-in, enroll, confirm with the current code.
 * @returns {Promise<{ username, password, client, secret, lastStep, recoveryCodes, otpauth }>}
 */
export async function enrolledUser(origin, prefix) {
  const user = await enrollingUser(origin, prefix);
  const { token, step } = freshCode(user.secret, -1);
  const confirm = await user.client.post('/api/2fa/confirm', { token });
  assert.equal(confirm.status, 200, confirm.text);
  return { ...user, lastStep: step, recoveryCodes: confirm.json.recovery_codes };
}

/**
 * `count` clients, each with its own pending session (password accepted, second factor due) for `user`,
 * signed in `batch` at a time, spread over `origins` in turn.
 */
export async function pendingSessions(origins, user, count, batch = 5) {
  const clients = [];
  for (let i = 0; i < count; i += batch) {
    const group = Array.from(
      { length: Math.min(batch, count - i) },
      (_, k) => new Client(origins[(i + k) % origins.length]),
    );
    const results = await Promise.all(
      group.map((c) => c.post('/api/login', { username: user.username, password: user.password })),
    );
    for (const result of results) {
      assert.equal(result.status, 200, result.text);
      assert.equal(result.json.mfa_required, true);
    }
    clients.push(...group);
  }
  return clients;
}

/** { status: how many } of a list of responses, e.g. { 200: 1, 401: 49 }. */
export function tally(responses) {
  const counts = {};
  for (const { status } of responses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
