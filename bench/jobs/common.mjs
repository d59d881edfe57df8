import { base32 as rfc4648base32 } from 'rfc4648';
import { expect, expectEqual } from '../lib/harness.mjs';

export const USER = 'alice@example.com';
export const ISSUER = 'Example Co';
export const LABEL = `${ISSUER}:${USER}`;

/** Decodes base32 with a peer that we do not measure against ourselves here, as an independent check. */
export const referenceBase32Decode = (text) => rfc4648base32.parse(text, { loose: true });

/**
 * The otpauth URI parses back with `new URL` to the expected label, issuer and secret, and the secret decodes
 * to `bytes` bytes.
 */
export function checkOtpauth(uri, secret, what, bytes = 20) {
  expect(typeof uri === 'string', `${what}: URI is not a string`);
  const url = new URL(uri);
  expectEqual(url.protocol, 'otpauth:', `${what}: protocol`);
  expectEqual(url.host, 'totp', `${what}: type`);
  expectEqual(decodeURIComponent(url.pathname.slice(1)), LABEL, `${what}: label`);
  expectEqual(url.searchParams.get('secret'), secret, `${what}: secret parameter`);
  expectEqual(url.searchParams.get('issuer'), ISSUER, `${what}: issuer parameter`);
  for (const [k, v] of [
    ['algorithm', 'SHA1'],
    ['digits', '6'],
    ['period', '30'],
  ])
    if (url.searchParams.has(k)) expectEqual(url.searchParams.get(k), v, `${what}: ${k}`);
  checkSecret(secret, what, bytes);
}

export function checkSecret(secret, what, bytes = 20) {
  expect(typeof secret === 'string' && /^[A-Z2-7]+=*$/.test(secret), `${what}: secret is not base32 text`);
  expectEqual(referenceBase32Decode(secret).length, bytes, `${what}: decoded secret length`);
}

/** Two calls give different secrets (a constant would pass every other check). */
export function checkFresh(a, b, what) {
  expect(a !== b, `${what}: two calls returned the same secret`);
}

/**
 * Before/after hooks that stop the clock at `ms` (Unix milliseconds) for peers that read the current time and take
 * no time argument: `Date.now()` and `new Date()` both answer `ms` in between. Timing itself does not use `Date`
 * (mitata reads a monotonic clock), so only the peer sees the change.
 */
export function fixedClock(ms) {
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(ms);
      else super(...args);
    }
    static now() {
      return ms;
    }
  }
  return {
    before: () => {
      globalThis.Date = FixedDate;
    },
    after: () => {
      globalThis.Date = RealDate;
    },
  };
}
