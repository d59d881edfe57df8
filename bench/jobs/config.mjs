import { generateSecret as otplibSecret, generateURI as otplibURI } from 'otplib';
import { authenticator as authenticator12 } from 'otplib12';
import { Secret, TOTP } from 'otpauth';
import speakeasy from 'speakeasy';
import { USER, ISSUER, LABEL, checkOtpauth, checkFresh } from './common.mjs';

/** Checks that two calls give valid, different configurations with the same shape as ours. */
const checkConfig = (fn, what) => () => {
  const a = fn();
  const b = fn();
  for (const c of [a, b]) checkOtpauth(c.otpauth_str, c.secret, what);
  checkFresh(a.secret, b.secret, what);
};

export default {
  name: 'config',
  title: 'generateUserConfiguration: fresh 20-byte secret + otpauth URI',
  needs: [['index.js', 'generateUserConfiguration', 'src/configuration.ts']],
  target: { ratio: 10, vs: 'fastest', maxHeapBytes: 400 },
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
    ];
    for (const c of cases) c.check = checkConfig(c.fn, c.name);
    return cases;
  },
};
