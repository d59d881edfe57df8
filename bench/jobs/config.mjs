import { createTOTPKeyURI } from '@oslojs/otp';
import { generateTOTP as epicGenerate, getTOTPAuthUri } from '@epic-web/totp';
import { createOTP } from '@better-auth/utils/otp';
import { exportKey, generateKey, getKeyUri } from 'otp-io';
import { randomBytes as otpioRandomBytes } from 'otp-io/crypto-node';
import { Totp as Time2fa } from 'time2fa';
import node2fa from 'node-2fa';
import base32Encode from 'base32-encode';
import { generateSecret as otplibSecret, generateURI as otplibURI } from 'otplib';
import { authenticator as authenticator12 } from 'otplib12';
import { Secret, TOTP } from 'otpauth';
import speakeasy from 'speakeasy';
import { USER, ISSUER, LABEL, checkOtpauth, checkFresh } from './common.mjs';

/**
 * Checks that two calls give valid, different configurations with the same shape as ours (a 20-byte secret), and
 * notes how the URI writes the issuer: `Example+Co` is form encoding, which `URLSearchParams` reads as a space but
 * RFC 3986 (and an authenticator app that follows it) as a plus sign.
 */
const checkConfig = (c) => async () => {
  const a = await c.fn();
  const b = await c.fn();
  for (const x of [a, b]) checkOtpauth(x.otpauth_str, x.secret, c.name);
  checkFresh(a.secret, b.secret, c.name);
  if (a.otpauth_str.includes('issuer=Example+Co'))
    c.note = [c.note, 'writes issuer=Example+Co'].filter(Boolean).join('; ');
};

/**
 * The floor: the least work that gives the same result, as one fused function. Random bytes from a pool that one
 * getRandomValues call refills, base32 through a table of all 1,024 pairs of characters (10 bits a lookup), the URI
 * from one template string whose label part is encoded once for the last (user, issuer) seen, and no label check
 * at all. It does less than any real library may (ours refuses bad labels and wipes the random bytes it used), so
 * it bounds how fast a configuration can be made in JavaScript.
 */
function makeFloor() {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const PAIRS = Array.from({ length: 1024 }, (_, i) => A[i >> 5] + A[i & 31]);
  const pool = new Uint8Array(4096);
  let at = pool.length;
  let lastUser;
  let lastIssuer;
  let head = '';
  let tail = '';
  return (user, issuer) => {
    if (user !== lastUser || issuer !== lastIssuer) {
      const i = encodeURIComponent(issuer);
      [lastUser, lastIssuer, head, tail] = [
        user,
        issuer,
        `otpauth://totp/${i}:${encodeURIComponent(user)}?secret=`,
        `&issuer=${i}`,
      ];
    }
    if (at + 20 > pool.length) {
      crypto.getRandomValues(pool);
      at = 0;
    }
    const b = pool;
    let secret = '';
    for (const end = at + 20; at < end; at += 5) {
      const hi = (b[at] << 12) | (b[at + 1] << 4) | (b[at + 2] >> 4);
      const lo = ((b[at + 2] & 15) << 16) | (b[at + 3] << 8) | b[at + 4];
      secret += PAIRS[hi >> 10] + PAIRS[hi & 1023] + PAIRS[lo >> 10] + PAIRS[lo & 1023];
    }
    return { otpauth_str: `${head}${secret}${tail}`, secret };
  };
}

export default {
  name: 'config',
  title: 'generateUserConfiguration: fresh 20-byte secret + otpauth URI',
  needs: [['index.js', 'generateUserConfiguration', 'src/configuration.ts']],
  target: { ratio: 10, vs: 'fastest', maxHeapBytes: 400, floor: 1.6 },
  cases({ 'index.js': ours }) {
    const cases = [
      {
        name: 'totp-config generateUserConfiguration',
        ours: true,
        base: true,
        fn: () => ours.generateUserConfiguration(USER, ISSUER),
      },
      {
        name: 'otplib 13 generateSecret + generateURI',
        package: 'otplib',
        fn: () => {
          const secret = otplibSecret();
          return { otpauth_str: otplibURI({ issuer: ISSUER, label: USER, secret }), secret };
        },
      },
      {
        name: 'otpauth new Secret + new TOTP().toString()',
        package: 'otpauth',
        fn: () => {
          const secret = new Secret({ size: 20 });
          return { otpauth_str: new TOTP({ issuer: ISSUER, label: USER, secret }).toString(), secret: secret.base32 };
        },
      },
      {
        name: 'speakeasy generateSecret + otpauthURL',
        package: 'speakeasy',
        note: 'its 20-byte secret is 20 printable ASCII characters (about 130 bits of entropy, not 160)',
        fn: () => {
          const { base32 } = speakeasy.generateSecret({ length: 20, otpauth_url: false });
          return {
            otpauth_str: speakeasy.otpauthURL({ secret: base32, encoding: 'base32', label: LABEL, issuer: ISSUER }),
            secret: base32,
          };
        },
      },
      {
        name: 'otplib 12 authenticator.generateSecret + keyuri',
        package: 'otplib12',
        fn: () => {
          const secret = authenticator12.generateSecret(20);
          return { otpauth_str: authenticator12.keyuri(USER, ISSUER, secret), secret };
        },
      },
      {
        name: '@oslojs/otp getRandomValues(20 B) + createTOTPKeyURI',
        package: '@oslojs/otp',
        note: 'takes the key as bytes: the caller draws them',
        fn: () => {
          const key = crypto.getRandomValues(new Uint8Array(20));
          const uri = createTOTPKeyURI(ISSUER, USER, key, 30, 6);
          return { otpauth_str: uri, secret: new URL(uri).searchParams.get('secret') };
        },
      },
      {
        name: '@epic-web/totp generateTOTP({ secret }) + getTOTPAuthUri',
        package: '@epic-web/totp',
        async: true,
        note: 'its default secret is 10 bytes (80 bits): 20 are passed, drawn as its default draws them',
        fn: async () => {
          const secret = base32Encode(crypto.getRandomValues(new Uint8Array(20)), 'RFC4648');
          const { period, digits, algorithm } = await epicGenerate({ secret });
          return {
            otpauth_str: getTOTPAuthUri({ period, digits, algorithm, secret, accountName: USER, issuer: ISSUER }),
            secret,
          };
        },
      },
      {
        name: '@better-auth/utils getRandomValues(20 B) + createOTP(key).url',
        package: '@better-auth/utils',
        note: 'takes the key as bytes (or a string it uses as UTF-8): the caller draws them',
        fn: () => {
          const uri = createOTP(crypto.getRandomValues(new Uint8Array(20))).url(ISSUER, USER);
          return { otpauth_str: uri, secret: new URL(uri).searchParams.get('secret') };
        },
      },
      {
        name: 'otp-io generateKey(randomBytes, 20) + getKeyUri',
        package: 'otp-io',
        note: 'its default key is 10 bytes (80 bits)',
        fn: () => {
          const secret = generateKey(otpioRandomBytes, 20);
          return {
            otpauth_str: getKeyUri({ type: 'totp', secret, name: USER, issuer: ISSUER }),
            secret: exportKey(secret),
          };
        },
      },
      {
        name: 'time2fa Totp.generateKey({ issuer, user }, { secretSize: 20 })',
        package: 'time2fa',
        note: 'its default secret is 10 bytes (80 bits)',
        fn: () => {
          const key = Time2fa.generateKey({ issuer: ISSUER, user: USER }, { secretSize: 20 });
          return { otpauth_str: key.url, secret: key.secret };
        },
      },
      {
        name: 'node-2fa generateSecret({ name, account })',
        package: 'node-2fa',
        note: 'also returns a Google Charts URL that would send the secret to Google',
        fn: () => {
          const { secret, uri } = node2fa.generateSecret({ name: ISSUER, account: USER });
          return { otpauth_str: uri, secret };
        },
      },
      {
        name: 'floor: fused pooled getRandomValues + pair-table base32 + template',
        reference: true,
        floor: true,
        fn: (
          (floor) => () =>
            floor(USER, ISSUER)
        )(makeFloor()),
      },
    ];
    for (const c of cases) c.check = checkConfig(c);
    return cases;
  },
};
