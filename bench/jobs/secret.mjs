import { generateSecret as otplibSecret } from 'otplib';
import { authenticator as authenticator12 } from 'otplib12';
import { Secret } from 'otpauth';
import speakeasy from 'speakeasy';
import { exportKey, generateKey } from 'otp-io';
import { randomBytes as otpioRandomBytes } from 'otp-io/crypto-node';
import { generateSecret as time2faSecret } from 'time2fa';
import node2fa from 'node-2fa';
import { checkSecret, checkFresh } from './common.mjs';

const checkSecretFn = (fn, what) => () => {
  const a = fn();
  const b = fn();
  checkSecret(a, what);
  checkSecret(b, what);
  checkFresh(a, b, what);
};

export default {
  name: 'secret',
  title: 'generateSecret: a fresh 20-byte secret as base32 text',
  needs: [['index.js', 'generateSecret', 'src/secret.ts']],
  target: { ratio: 10, vs: 'fastest' },
  cases({ 'index.js': ours }) {
    const cases = [
      { name: 'totp-config generateSecret()', ours: true, base: true, fn: () => ours.generateSecret() },
      { name: 'otplib 13 generateSecret()', package: 'otplib', fn: () => otplibSecret() },
      {
        name: 'otpauth new Secret({ size: 20 }).base32',
        package: 'otpauth',
        fn: () => new Secret({ size: 20 }).base32,
      },
      {
        name: 'speakeasy generateSecret({ length: 20 }).base32',
        package: 'speakeasy',
        fn: () => speakeasy.generateSecret({ length: 20, otpauth_url: false }).base32,
      },
      {
        name: 'otplib 12 authenticator.generateSecret(20)',
        package: 'otplib12',
        fn: () => authenticator12.generateSecret(20),
      },
      {
        name: 'otp-io exportKey(generateKey(randomBytes, 20))',
        package: 'otp-io',
        fn: () => exportKey(generateKey(otpioRandomBytes, 20)),
      },
      { name: 'time2fa generateSecret(20)', package: 'time2fa', fn: () => time2faSecret(20) },
      {
        name: 'node-2fa generateSecret().secret',
        package: 'node-2fa',
        note: 'its only way to a secret also builds the otpauth and Google Charts URLs',
        fn: () => node2fa.generateSecret().secret,
      },
    ];
    for (const c of cases) c.check = checkSecretFn(c.fn, c.name);
    return cases;
  },
};
