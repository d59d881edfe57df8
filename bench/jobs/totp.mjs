import { generateTOTP as osloGenerate, verifyTOTPWithGracePeriod as osloVerify } from '@oslojs/otp';
import { generateTOTP as epicGenerate, verifyTOTP as epicVerify } from '@epic-web/totp';
import { createOTP } from '@better-auth/utils/otp';
import { importKey as otpioImportKey, totp as otpioTotp } from 'otp-io';
import { hmac as otpioHmac } from 'otp-io/crypto-node';
import { Totp as Time2fa, generateConfig as time2faConfig } from 'time2fa';
import node2fa from 'node-2fa';
import notp from 'notp';
import { generateSync as otplibGenerate, verifySync as otplibVerify } from 'otplib';
import { authenticator as authenticator12 } from 'otplib12';
import { Secret, TOTP } from 'otpauth';
import speakeasy from 'speakeasy';
import { expectEqual } from '../lib/harness.mjs';
import { fixedClock } from './common.mjs';

// RFC 6238 appendix B: the SHA1 key is the ASCII of "12345678901234567890"; at T = 2000000000 the 8-digit
// code is 69279037, so the 6-digit one is 279037. The time sits 20 s into its 30 s step.
const KEY = '12345678901234567890';
export const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const TIME = 2_000_000_000; // seconds; ours, otpauth and otplib 12 take milliseconds
const EXPECTED = '279037';

const otpauthTotp = new TOTP({ secret: Secret.fromBase32(SECRET), algorithm: 'SHA1', digits: 6, period: 30 });
const authenticator = authenticator12.clone({ epoch: TIME * 1000, step: 30, digits: 6, window: 1 });

// The codes of the steps before, at and after TIME (deltas -1, 0, +1), from node:crypto via otpauth. verify
// cycles through the three so that no implementation profits from the order in which it tries the window.
export const TOKENS = [-1, 0, 1].map((d) => otpauthTotp.generate({ timestamp: (TIME + 30 * d) * 1000 }));
// Two steps away: outside a window of 1, so a peer that answers only true/false shows its window is 1.
const FAR = [-2, 2].map((d) => otpauthTotp.generate({ timestamp: (TIME + 30 * d) * 1000 }));

// Secrets as the peers take them: bytes decoded once where the API takes bytes (as otpauth's TOTP object holds
// them), base32 text on every call where the API takes text.
const KEY_BYTES = new TextEncoder().encode(KEY);
const KEY_BUFFER = Buffer.from(KEY);
const CLOCK = fixedClock(TIME * 1000); // for the peers that read the clock and take no time
const betterAuth = createOTP(KEY_BYTES, { digits: 6, period: 30 });
const TIME2FA = time2faConfig({ secretSize: 20 }); // its default is a 10-byte secret

const needsGenerate = [['index.js', 'generateTotp', 'src/otp.ts']];
const needsVerify = [['index.js', 'verifyTotp', 'src/otp.ts']];

export const generateJob = {
  name: 'totp-generate',
  title: 'TOTP generate: SHA1, 6 digits, 30 s, fixed time, 20-byte base32 secret',
  needs: needsGenerate,
  target: { ratio: 4, vs: 'fastest' },
  cases({ 'index.js': ours }) {
    const cases = [
      {
        name: 'totp-config generateTotp(secret, { time })',
        ours: true,
        base: true,
        fn: () => ours.generateTotp(SECRET, { time: TIME * 1000 }),
      },
      {
        name: 'otpauth totp.generate({ timestamp })',
        package: 'otpauth',
        fn: () => otpauthTotp.generate({ timestamp: TIME * 1000 }),
      },
      {
        name: "speakeasy totp({ encoding: 'base32', time })",
        package: 'speakeasy',
        fn: () => speakeasy.totp({ secret: SECRET, encoding: 'base32', time: TIME }),
      },
      { name: 'otplib 12 authenticator.generate', package: 'otplib12', fn: () => authenticator.generate(SECRET) },
      {
        name: 'otplib 13 generateSync({ epoch })',
        package: 'otplib',
        fn: () => otplibGenerate({ secret: SECRET, epoch: TIME }),
      },
      {
        name: '@oslojs/otp generateTOTP(key, 30, 6) (clock fixed)',
        package: '@oslojs/otp',
        ...CLOCK,
        fn: () => osloGenerate(KEY_BYTES, 30, 6),
      },
      {
        name: '@epic-web/totp generateTOTP({ secret }) (clock fixed)',
        package: '@epic-web/totp',
        async: true,
        ...CLOCK,
        fn: async () => (await epicGenerate({ secret: SECRET })).otp,
      },
      {
        name: '@better-auth/utils createOTP(key).totp() (clock fixed)',
        package: '@better-auth/utils',
        async: true,
        ...CLOCK,
        fn: () => betterAuth.totp(),
      },
      {
        name: 'otp-io totp(hmac, { secret: importKey(b32), now })',
        package: 'otp-io',
        async: true,
        fn: () => otpioTotp(otpioHmac, { secret: otpioImportKey(SECRET), now: new Date(TIME * 1000) }),
      },
      {
        name: 'time2fa Totp.generatePasscodes({ secret }) (clock fixed)',
        package: 'time2fa',
        ...CLOCK,
        fn: () => Time2fa.generatePasscodes({ secret: SECRET }, TIME2FA)[0],
      },
      {
        name: 'node-2fa generateToken(b32) (clock fixed)',
        package: 'node-2fa',
        ...CLOCK,
        fn: () => node2fa.generateToken(SECRET).token,
      },
      // notp takes a time (_t) only when NODE_ENV is 'test': the clock is fixed instead.
      { name: 'notp totp.gen(key) (clock fixed)', package: 'notp', ...CLOCK, fn: () => notp.totp.gen(KEY_BUFFER) },
    ];
    for (const c of cases)
      c.check = async () => expectEqual(await c.fn(), EXPECTED, `${c.name}: code (RFC 6238 vector)`);
    return cases;
  },
};

const WRONG = ['000000', '000001', '000002', '000003'].find((t) => !TOKENS.includes(t));

/**
 * A case whose function cycles through the three tokens. `deltaOf(token)` gives the step delta the implementation
 * reports for a token (null when rejected); the check wants -1, 0, +1 and null for a wrong token. For a peer that
 * answers only true or false, `deltaOf` is omitted: the check then wants the three accepted and the wrong token
 * and the tokens of steps −2 and +2 refused, which pins its window to exactly 1. Either may be async.
 */
function cycling(name, extra, verify, deltaOf) {
  let i = 0;
  return {
    name,
    ...extra,
    fn: () => verify(TOKENS[(i = i === 2 ? 0 : i + 1)]),
    check: async () => {
      if (deltaOf) {
        for (const [k, d] of [-1, 0, 1].entries())
          expectEqual(await deltaOf(TOKENS[k]), d, `${name}: delta for the token of step ${d}`);
        expectEqual(await deltaOf(WRONG), null, `${name}: wrong token rejected`);
        return;
      }
      for (const token of TOKENS) expectEqual(await verify(token), true, `${name}: a token within the window accepted`);
      for (const token of [WRONG, ...FAR]) expectEqual(await verify(token), false, `${name}: ${token} refused`);
    },
  };
}

export const verifyJob = {
  name: 'totp-verify',
  title: 'TOTP verify, window ±1: valid tokens of steps -1, 0, +1 in turn',
  needs: needsVerify,
  target: { ratio: 3, vs: 'fastest' },
  cases({ 'index.js': ours }) {
    const oursVerify = (token) => ours.verifyTotp(token, SECRET, { time: TIME * 1000, window: 1 });
    const otpauthVerify = (token) => otpauthTotp.validate({ token, timestamp: TIME * 1000, window: 1 });
    const speakeasyOpts = { secret: SECRET, encoding: 'base32', time: TIME, window: 1 };
    const speakeasyVerify = (token) => speakeasy.totp.verify({ ...speakeasyOpts, token });
    const otplib13Verify = (token) => otplibVerify({ secret: SECRET, token, epoch: TIME, epochTolerance: 30 });
    // Booleans (speakeasy, otplib 12) are checked both ways: accepted/rejected, and the delta from their twin.
    const viaBoolean = (check, delta) => (token) => {
      const ok = check(token);
      const d = delta(token);
      expectEqual(ok, d !== null, `verify and its delta-returning twin disagree on ${token}`);
      return d;
    };
    return [
      cycling(
        'totp-config verifyTotp(token, secret, { time, window: 1 })',
        { ours: true, base: true },
        oursVerify,
        (t) => oursVerify(t)?.delta ?? null,
      ),
      cycling(
        'otpauth totp.validate({ token, timestamp, window: 1 })',
        { package: 'otpauth' },
        otpauthVerify,
        otpauthVerify,
      ),
      cycling(
        'speakeasy totp.verify({ time, window: 1 })',
        { package: 'speakeasy' },
        speakeasyVerify,
        viaBoolean(speakeasyVerify, (token) => speakeasy.totp.verifyDelta({ ...speakeasyOpts, token })?.delta ?? null),
      ),
      cycling(
        'otplib 12 authenticator.check (window 1)',
        { package: 'otplib12' },
        (token) => authenticator.check(token, SECRET),
        viaBoolean(
          (token) => authenticator.check(token, SECRET),
          (token) => authenticator.checkDelta(token, SECRET),
        ),
      ),
      cycling('otplib 13 verifySync({ epoch, epochTolerance: 30 })', { package: 'otplib' }, otplib13Verify, (t) => {
        const r = otplib13Verify(t);
        return r.valid ? r.delta : null;
      }),
      // Grace period of one step either side of now: the window of 1.
      cycling(
        '@oslojs/otp verifyTOTPWithGracePeriod(key, 30, 6, otp, 30) (clock fixed)',
        { package: '@oslojs/otp', ...CLOCK },
        (t) => osloVerify(KEY_BYTES, 30, 6, t, 30),
      ),
      cycling(
        '@epic-web/totp verifyTOTP({ otp, secret, window: 1 }) (clock fixed)',
        { package: '@epic-web/totp', async: true, ...CLOCK },
        (otp) => epicVerify({ otp, secret: SECRET, window: 1 }),
        async (otp) => (await epicVerify({ otp, secret: SECRET, window: 1 }))?.delta ?? null,
      ),
      cycling(
        '@better-auth/utils createOTP(key).verify(otp, { window: 1 }) (clock fixed)',
        { package: '@better-auth/utils', async: true, ...CLOCK },
        (otp) => betterAuth.verify(otp, { window: 1 }),
      ),
      cycling(
        'time2fa Totp.validate({ passcode, secret, drift: 1 }) (clock fixed)',
        { package: 'time2fa', ...CLOCK },
        (passcode) => Time2fa.validate({ passcode, secret: SECRET, drift: 1 }, TIME2FA),
      ),
      cycling(
        'node-2fa verifyToken(b32, token, 1) (clock fixed)',
        { package: 'node-2fa', ...CLOCK, note: 'its default window is 4 steps (±2 minutes); 1 here' },
        (token) => node2fa.verifyToken(SECRET, token, 1),
        (token) => node2fa.verifyToken(SECRET, token, 1)?.delta ?? null,
      ),
      cycling(
        'notp totp.verify(token, key, { window: 1 }) (clock fixed)',
        { package: 'notp', ...CLOCK, note: 'its window defaults to 50 steps (±25 minutes; documented as 6); 1 here' },
        (token) => notp.totp.verify(token, KEY_BUFFER, { window: 1 }),
        (token) => notp.totp.verify(token, KEY_BUFFER, { window: 1 })?.delta ?? null,
      ),
    ];
  },
};
