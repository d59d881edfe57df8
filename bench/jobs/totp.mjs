import { generateSync as otplibGenerate, verifySync as otplibVerify } from 'otplib';
import { authenticator as authenticator12 } from 'otplib12';
import { Secret, TOTP } from 'otpauth';
import speakeasy from 'speakeasy';
import { expectEqual } from '../lib/harness.mjs';

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

const needsGenerate = [['index.js', 'generateTotp', 'src/otp.ts']];
const needsVerify = [['index.js', 'verifyTotp', 'src/otp.ts']];

export const generateJob = {
  name: 'totp-generate',
  title: 'TOTP generate: SHA1, 6 digits, 30 s, fixed time, 20-byte base32 secret',
  needs: needsGenerate,
  target: { ratio: 4, vs: 'otpauth' },
  cases({ 'index.js': ours }) {
    const cases = [
      {
        name: 'totp-config generateTotp(secret, { time })',
        ours: true,
        base: true,
        fn: () => ours.generateTotp(SECRET, { time: TIME * 1000 }),
      },
      { name: 'otpauth totp.generate({ timestamp })', package: 'otpauth', fn: () => otpauthTotp.generate({ timestamp: TIME * 1000 }) },
      {
        name: "speakeasy totp({ encoding: 'base32', time })",
        package: 'speakeasy',
        fn: () => speakeasy.totp({ secret: SECRET, encoding: 'base32', time: TIME }),
      },
      { name: 'otplib 12 authenticator.generate', package: 'otplib12', fn: () => authenticator.generate(SECRET) },
      { name: 'otplib 13 generateSync({ epoch })', package: 'otplib', fn: () => otplibGenerate({ secret: SECRET, epoch: TIME }) },
    ];
    for (const c of cases) c.check = () => expectEqual(c.fn(), EXPECTED, `${c.name}: code (RFC 6238 vector)`);
    return cases;
  },
};

const WRONG = ['000000', '000001', '000002', '000003'].find((t) => !TOKENS.includes(t));

/**
 * A case whose function cycles through the three tokens. `deltaOf(token)` gives the step delta the
 * implementation reports for a token (null when rejected); the check wants -1, 0, +1 and null for a wrong token.
 */
function cycling(name, extra, verify, deltaOf) {
  let i = 0;
  return {
    name,
    ...extra,
    fn: () => verify(TOKENS[(i = i === 2 ? 0 : i + 1)]),
    check: () => {
      [-1, 0, 1].forEach((d, k) => expectEqual(deltaOf(TOKENS[k]), d, `${name}: delta for the token of step ${d}`));
      expectEqual(deltaOf(WRONG), null, `${name}: wrong token rejected`);
    },
  };
}

export const verifyJob = {
  name: 'totp-verify',
  title: 'TOTP verify, window ±1: valid tokens of steps -1, 0, +1 in turn',
  needs: needsVerify,
  target: { ratio: 3, vs: 'otpauth' },
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
      cycling('totp-config verifyTotp(token, secret, { time, window: 1 })', { ours: true, base: true }, oursVerify, (t) => oursVerify(t)?.delta ?? null),
      cycling('otpauth totp.validate({ token, timestamp, window: 1 })', { package: 'otpauth' }, otpauthVerify, otpauthVerify),
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
        viaBoolean((token) => authenticator.check(token, SECRET), (token) => authenticator.checkDelta(token, SECRET)),
      ),
      cycling(
        'otplib 13 verifySync({ epoch, epochTolerance: 30 })',
        { package: 'otplib' },
        otplib13Verify,
        (t) => {
          const r = otplib13Verify(t);
          return r.valid ? r.delta : null;
        },
      ),
    ];
  },
};
