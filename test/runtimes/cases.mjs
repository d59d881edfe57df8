// One conformance suite for every runtime (Node ESM and CJS, Bun, Deno, Chromium). Plain ESM with no imports, so
// each runtime's shim loads the *packed* library its own way and hands it in as `lib = { core, qr }`:
// `core` is the module behind 'totp-config', `qr` the one behind 'totp-config/qr'.
// Expected values come from the RFCs (4648 §10, 4226 Appendix D, 6238 Appendix B), from the runtime's own URL
// parser and WebCrypto HMAC, and from the QR specification's fixed patterns — never from the code under test.

// ---------------------------------------------------------------------------------------------- tiny assert

class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

function show(value) {
  if (value instanceof Uint8Array) return `Uint8Array[${Array.from(value).join(',')}]`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function ok(condition, message) {
  if (!condition) throw new AssertionError(message);
}

function equal(actual, expected, message) {
  if (!Object.is(actual, expected))
    throw new AssertionError(`${message}: expected ${show(expected)}, got ${show(actual)}`);
}

function bytesEqual(actual, expected, message) {
  ok(actual instanceof Uint8Array, `${message}: expected a Uint8Array, got ${show(actual)}`);
  ok(
    actual.length === expected.length && actual.every((b, i) => b === expected[i]),
    `${message}: expected ${show(expected)}, got ${show(actual)}`,
  );
}

function throws(fn, check, message) {
  let thrown;
  try {
    fn();
  } catch (error) {
    thrown = error ?? new Error('(nullish thrown)');
  }
  ok(thrown !== undefined, `${message}: did not throw`);
  if (check)
    ok(check(thrown), `${message}: threw the wrong error: ${thrown && thrown.name}: ${thrown && thrown.message}`);
}

const ascii = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function randomBytes(length) {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}

// ---------------------------------------------------------------------------------------------- vectors

// RFC 4648 §10.
const BASE32 = [
  ['', '', ''],
  ['f', 'MY======', 'MY'],
  ['fo', 'MZXQ====', 'MZXQ'],
  ['foo', 'MZXW6===', 'MZXW6'],
  ['foob', 'MZXW6YQ=', 'MZXW6YQ'],
  ['fooba', 'MZXW6YTB', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======', 'MZXW6YTBOI'],
];

// RFC 4226 Appendix D: secret "12345678901234567890", counters 0..9.
const HOTP_SECRET = ascii('12345678901234567890');
const HOTP = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

// RFC 6238 Appendix B: 8 digits, 30 s steps, one seed per hash (the seeds are the ASCII digits repeated to the
// hash's output size; the RFC's prose says 20 bytes for all three, its reference code uses these).
const TOTP_SEEDS = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};
const TOTP = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

// An HOTP computed with the runtime's own WebCrypto (RFC 4226 §5.3 dynamic truncation written out here), the
// independent second opinion for random secrets and counters.
async function webCryptoHotp(key, counter, digits = 6, hash = 'SHA-1') {
  const k = await globalThis.crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(counter));
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', k, message));
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

// ---------------------------------------------------------------------------------------------- helpers

const sec = (core, bytes) => core.base32Encode(bytes);

function parseWithUrl(uri) {
  // WHATWG URL parses otpauth: as a non-special scheme: host 'totp', path '/<label>', search params.
  const url = new URL(uri);
  return {
    protocol: url.protocol,
    type: url.host,
    label: decodeURIComponent(url.pathname.replace(/^\//, '')),
    params: url.searchParams,
  };
}

// ---------------------------------------------------------------------------------------------- cases

/**
 * @typedef {{ core: Record<string, any>, qr: Record<string, any> }} Lib
 * @type {{ name: string, needs: string[], run(lib: Lib): void | Promise<void> }[]}
 * `needs` names the exports ('core.x' / 'qr.x') a case calls; see runCases.
 */
export const cases = [
  {
    name: 'base32: RFC 4648 §10 vectors encode, with and without padding',
    needs: ['core.base32Encode'],
    run({ core }) {
      for (const [text, padded, bare] of BASE32) {
        equal(core.base32Encode(ascii(text)), bare, `base32Encode(${show(text)})`);
        equal(
          core.base32Encode(ascii(text), { padding: true }),
          padded,
          `base32Encode(${show(text)}, { padding: true })`,
        );
      }
    },
  },
  {
    name: 'base32: RFC 4648 §10 vectors decode, padded, bare, lower case and spaced',
    needs: ['core.base32Decode'],
    run({ core }) {
      for (const [text, padded, bare] of BASE32) {
        bytesEqual(core.base32Decode(padded), ascii(text), `base32Decode(${show(padded)})`);
        bytesEqual(core.base32Decode(bare), ascii(text), `base32Decode(${show(bare)})`);
        bytesEqual(core.base32Decode(bare.toLowerCase()), ascii(text), `base32Decode(${show(bare.toLowerCase())})`);
      }
      // Authenticator apps show secrets in groups of four.
      bytesEqual(core.base32Decode('MZXW 6YTB OI'), ascii('foobar'), 'base32Decode with spaces');
    },
  },
  {
    name: 'base32: round trip of random bytes, lengths 0..64',
    needs: ['core.base32Encode', 'core.base32Decode'],
    run({ core }) {
      for (let n = 0; n <= 64; n++) {
        const bytes = randomBytes(n);
        const text = core.base32Encode(bytes);
        equal(text.length, Math.ceil((n * 8) / 5), `length of the encoding of ${n} bytes`);
        ok(/^[A-Z2-7]*$/.test(text), `encoding of ${n} bytes uses the alphabet only: ${text}`);
        bytesEqual(core.base32Decode(text), bytes, `round trip of ${n} bytes`);
      }
    },
  },
  {
    name: 'base32: rejects characters outside the alphabet and impossible lengths',
    needs: ['core.base32Decode'],
    run({ core }) {
      for (const bad of ['MZXW1', 'MZXW0', 'MZXW8', 'MZXW9', 'MZ!W6', 'MZXW6YTB\u00e9', 'M', 'MZX', 'MZXW6Y']) {
        throws(
          () => core.base32Decode(bad),
          (e) => e instanceof Error && typeof e.code === 'string',
          `base32Decode(${show(bad)})`,
        );
      }
      throws(
        () => core.base32Decode(42),
        (e) => e instanceof TypeError,
        'base32Decode(42)',
      );
      throws(
        () => core.base32Encode('foo'),
        (e) => e instanceof TypeError,
        "base32Encode('foo')",
      );
    },
  },
  {
    name: 'generateSecret: unpadded base32 of fresh random bytes, 20 by default',
    needs: ['core.generateSecret', 'core.base32Decode'],
    run({ core }) {
      const a = core.generateSecret();
      const b = core.generateSecret();
      ok(typeof a === 'string' && /^[A-Z2-7]+$/.test(a), `generateSecret() is upper-case base32 text (${typeof a})`);
      equal(a.length, 32, 'length of the default secret');
      equal(core.base32Decode(a).length, 20, 'bytes in the default secret (160 bits, RFC 4226 §4 R6)');
      ok(a !== b, 'two secrets differ');
      equal(core.generateSecret({ size: 16 }).length, 26, 'length of a 16-byte secret');
      equal(core.generateSecret({ algorithm: 'SHA512' }).length, 103, 'length of a SHA512 (64-byte) secret');
      throws(
        () => core.generateSecret({ size: 8 }),
        (e) => e instanceof RangeError,
        'generateSecret({ size: 8 })',
      );
      // Not all the same character: a broken CSPRNG (zeros) would give 'AAAA…'.
      ok(new Set(a).size > 4, 'the secret is not a run of one character');
    },
  },
  {
    name: "generateUserConfiguration: { otpauth_str, secret } read back by the runtime's URL parser",
    needs: ['core.generateUserConfiguration', 'core.base32Decode'],
    run({ core }) {
      const config = core.generateUserConfiguration('alice@example.com', 'Example Co');
      equal(typeof config.secret, 'string', 'typeof secret');
      equal(typeof config.otpauth_str, 'string', 'typeof otpauth_str');
      ok(/^[A-Z2-7]+$/.test(config.secret), `secret is unpadded upper-case base32: ${config.secret.length} chars`);
      equal(core.base32Decode(config.secret).length, 20, 'bytes in the secret (160 bits by default)');
      ok(config.otpauth_str.startsWith('otpauth://totp/'), 'otpauth_str starts with otpauth://totp/');
      const uri = parseWithUrl(config.otpauth_str);
      equal(uri.protocol, 'otpauth:', 'scheme');
      equal(uri.type, 'totp', 'type');
      equal(uri.label, 'Example Co:alice@example.com', 'label');
      equal(uri.params.get('secret'), config.secret, 'secret parameter');
      equal(uri.params.get('issuer'), 'Example Co', 'issuer parameter');
      // Optional parameters, when present, must be the defaults that every authenticator assumes.
      for (const [name, value] of [
        ['algorithm', 'SHA1'],
        ['digits', '6'],
        ['period', '30'],
      ]) {
        if (uri.params.has(name)) equal(uri.params.get(name), value, `${name} parameter`);
      }
      const other = core.generateUserConfiguration('alice@example.com', 'Example Co');
      ok(other.secret !== config.secret, 'each configuration has a fresh secret');
    },
  },
  {
    name: 'generateUserConfiguration: awkward user and issuer names survive URL encoding',
    needs: ['core.generateUserConfiguration'],
    run({ core }) {
      for (const [user, issuer] of [
        ['zoë+tag@exämple.com', 'Ünïcødé & Sons #1'],
        ['bob smith', 'A/B?C=D%20'],
        ['日本語ユーザー', '株式会社 例'],
        ['emoji 🔐', 'Issuer 😀'],
      ]) {
        const { otpauth_str, secret } = core.generateUserConfiguration(user, issuer);
        ok(!/[\s#]/.test(otpauth_str), `no raw space or '#' in ${show(otpauth_str)}`);
        const uri = parseWithUrl(otpauth_str);
        equal(uri.label, `${issuer}:${user}`, `label for ${show([user, issuer])}`);
        equal(uri.params.get('issuer'), issuer, `issuer for ${show([user, issuer])}`);
        equal(uri.params.get('secret'), secret, `secret for ${show([user, issuer])}`);
      }
    },
  },
  {
    name: "generateUserConfiguration: rejects a non-string, empty or ':'-holding user or issuer",
    needs: ['core.generateUserConfiguration'],
    run({ core }) {
      for (const [user, issuer] of [
        [undefined, 'X'],
        ['u', undefined],
        [42, 'X'],
        ['u', {}],
        [null, null],
      ]) {
        throws(
          () => core.generateUserConfiguration(user, issuer),
          (e) => e instanceof TypeError,
          `generateUserConfiguration(${show(user)}, ${show(issuer)})`,
        );
      }
      // ':' separates issuer from account in the label (Key URI Format); empty and control characters are refused.
      for (const [user, issuer] of [
        ['a:b', 'X'],
        ['u', 'Ex:Co'],
        ['', 'X'],
        ['u', ''],
        ['u\n', 'X'],
      ]) {
        throws(
          () => core.generateUserConfiguration(user, issuer),
          (e) => e instanceof RangeError && typeof e.code === 'string',
          `generateUserConfiguration(${show(user)}, ${show(issuer)})`,
        );
      }
    },
  },
  {
    name: "formatOtpauthUri: every parameter read back by the runtime's URL parser",
    needs: ['core.formatOtpauthUri'],
    run({ core }) {
      const plain = core.formatOtpauthUri({
        secret: 'JBSWY3DPEHPK3PXP',
        account: 'alice@example.com',
        issuer: 'Example Co',
      });
      const p = parseWithUrl(plain);
      equal(p.type, 'totp', 'default type');
      equal(p.label, 'Example Co:alice@example.com', 'label');
      equal(p.params.get('secret'), 'JBSWY3DPEHPK3PXP', 'secret');
      equal(p.params.get('issuer'), 'Example Co', 'issuer');
      const full = parseWithUrl(
        core.formatOtpauthUri({
          secret: 'JBSWY3DPEHPK3PXP',
          account: 'bob',
          algorithm: 'SHA256',
          digits: 8,
          period: 60,
        }),
      );
      equal(full.label, 'bob', 'label without issuer');
      equal(full.params.get('issuer'), null, 'no issuer parameter');
      equal(full.params.get('algorithm'), 'SHA256', 'algorithm');
      equal(full.params.get('digits'), '8', 'digits');
      equal(full.params.get('period'), '60', 'period');
      const hotp = parseWithUrl(
        core.formatOtpauthUri({ type: 'hotp', secret: 'JBSWY3DPEHPK3PXP', account: 'bob', counter: 42 }),
      );
      equal(hotp.type, 'hotp', 'hotp type');
      equal(hotp.params.get('counter'), '42', 'counter');
      throws(
        () => core.formatOtpauthUri({ secret: 'jbswy3dp', account: 'bob' }),
        (e) => e instanceof Error,
        'a non-canonical secret',
      );
      throws(
        () => core.formatOtpauthUri({ secret: 'JBSWY3DPEHPK3PXP', account: 'bob', digits: 9 }),
        (e) => e instanceof RangeError,
        'digits 9',
      );
    },
  },
  {
    name: 'parseOtpauthUri: reads back what formatOtpauthUri and generateUserConfiguration write',
    needs: ['core.parseOtpauthUri', 'core.formatOtpauthUri', 'core.generateUserConfiguration'],
    run({ core }) {
      const { otpauth_str, secret } = core.generateUserConfiguration('zoë@example.com', 'Ünïcødé & Sons');
      const parsed = core.parseOtpauthUri(otpauth_str);
      equal(parsed.type, 'totp', 'type');
      equal(parsed.secret, secret, 'secret');
      equal(parsed.account, 'zoë@example.com', 'account');
      equal(parsed.issuer, 'Ünïcødé & Sons', 'issuer');
      equal(parsed.algorithm, 'SHA1', 'algorithm');
      equal(parsed.digits, 6, 'digits');
      equal(parsed.period, 30, 'period');
      const options = {
        type: 'hotp',
        secret: 'JBSWY3DPEHPK3PXP',
        account: 'bob',
        algorithm: 'SHA512',
        digits: 8,
        counter: 7,
      };
      const back = core.parseOtpauthUri(core.formatOtpauthUri(options));
      for (const key of Object.keys(options)) equal(back[key], options[key], `hotp ${key}`);
      throws(
        () => core.parseOtpauthUri('https://example.com/?secret=JBSWY3DPEHPK3PXP'),
        (e) => e instanceof Error,
        'a non-otpauth URI',
      );
    },
  },
  {
    name: 'HOTP: RFC 4226 Appendix D',
    needs: ['core.generateHotp', 'core.base32Encode'],
    run({ core }) {
      const secret = sec(core, HOTP_SECRET);
      HOTP.forEach((expected, counter) => {
        equal(core.generateHotp(secret, counter), expected, `HOTP counter ${counter} (base32 secret)`);
        equal(core.generateHotp(HOTP_SECRET, counter), expected, `HOTP counter ${counter} (byte secret)`);
      });
    },
  },
  {
    name: 'TOTP: RFC 6238 Appendix B, SHA1/SHA256/SHA512, 8 digits',
    needs: ['core.generateTotp', 'core.base32Encode'],
    run({ core }) {
      for (const [time, ...codes] of TOTP) {
        ['SHA1', 'SHA256', 'SHA512'].forEach((algorithm, i) => {
          const code = core.generateTotp(sec(core, TOTP_SEEDS[algorithm]), { time: time * 1000, algorithm, digits: 8 });
          equal(code, codes[i], `TOTP ${algorithm} at T=${time}`);
        });
      }
    },
  },
  {
    name: 'TOTP: defaults are SHA1, 6 digits, 30 s (the low digits of Appendix B)',
    needs: ['core.generateTotp', 'core.base32Encode'],
    run({ core }) {
      const secret = sec(core, TOTP_SEEDS.SHA1);
      for (const [time, code] of TOTP)
        equal(core.generateTotp(secret, { time: time * 1000 }), code.slice(2), `TOTP at T=${time}`);
    },
  },
  {
    name: "HOTP/TOTP agree with the runtime's WebCrypto HMAC on random secrets",
    needs: ['core.generateHotp', 'core.generateTotp', 'core.base32Encode'],
    async run({ core }) {
      for (let i = 0; i < 8; i++) {
        const key = randomBytes(10 + i * 3);
        const counter = (i * 7919 * 65537) % 2 ** 32;
        const secret = sec(core, key);
        equal(core.generateHotp(secret, counter), await webCryptoHotp(key, counter), `HOTP #${i} counter ${counter}`);
        // Counters past 2^32 (the high word of the 8-byte counter) up to the largest safe integer.
        const big = [2 ** 32, 2 ** 32 + 1, 2 ** 40 + 12345, 2 ** 52 + 7, Number.MAX_SAFE_INTEGER][i % 5];
        equal(core.generateHotp(secret, big), await webCryptoHotp(key, big), `HOTP #${i} counter ${big}`);
        equal(
          core.generateTotp(secret, { time: 20_000_000_000_000 + i * 1000, period: 1 }),
          await webCryptoHotp(key, 20_000_000_000 + i),
          `TOTP #${i} with 1 s steps at T=${20_000_000_000 + i} (step > 2^32)`,
        );
        const time = 1_700_000_000 + i * 12345;
        equal(
          core.generateTotp(secret, { time: time * 1000, algorithm: 'SHA256', digits: 8 }),
          await webCryptoHotp(key, Math.floor(time / 30), 8, 'SHA-256'),
          `TOTP SHA256 #${i} at ${time}`,
        );
      }
    },
  },
  {
    name: 'verifyTotp: accepts the current code, neighbours within the window, and nothing else',
    needs: ['core.verifyTotp', 'core.generateTotp', 'core.generateSecret'],
    run({ core }) {
      const secret = core.generateSecret();
      const t = 1_800_000_015; // seconds, mid-step
      const step = Math.floor(t / 30);
      const code = (s) => core.generateTotp(secret, { time: s * 1000 });
      const now = core.verifyTotp(code(t), secret, { time: t * 1000 });
      ok(now !== null, 'the current code verifies');
      equal(now.delta, 0, 'delta of the current code');
      equal(now.step, step, 'step of the current code');
      const before = core.verifyTotp(code(t - 30), secret, { time: t * 1000, window: 1 });
      ok(before !== null && before.delta === -1, `last step's code within window 1: ${show(before)}`);
      const after = core.verifyTotp(code(t + 30), secret, { time: t * 1000, window: 1 });
      ok(after !== null && after.delta === 1, `next step's code within window 1: ${show(after)}`);
      const far = code(t - 90);
      if (far !== code(t) && far !== code(t - 30) && far !== code(t + 30)) {
        equal(core.verifyTotp(far, secret, { time: t * 1000, window: 1 }), null, 'a code three steps old');
      }
      const wrong = String((Number(code(t)) + 1) % 1e6).padStart(6, '0');
      if (wrong !== code(t - 30) && wrong !== code(t + 30)) {
        equal(core.verifyTotp(wrong, secret, { time: t * 1000, window: 1 }), null, 'a wrong code');
      }
      // Replay protection: a step at or before `after` is never accepted again.
      equal(core.verifyTotp(code(t), secret, { time: t * 1000, after: step }), null, 'the same step again (after)');
    },
  },
  {
    name: 'verifyHotp: RFC 4226 Appendix D codes within the look-ahead window only',
    needs: ['core.verifyHotp'],
    run({ core }) {
      equal(
        show(core.verifyHotp(HOTP[2], HOTP_SECRET, { counter: 2 })),
        show({ counter: 2, delta: 0 }),
        'counter 2 at 2',
      );
      equal(
        show(core.verifyHotp(HOTP[3], HOTP_SECRET, { counter: 2 })),
        show({ counter: 3, delta: 1 }),
        'counter 3 at 2',
      );
      equal(core.verifyHotp(HOTP[4], HOTP_SECRET, { counter: 2 }), null, 'counter 4 beyond the window');
      equal(core.verifyHotp(HOTP[1], HOTP_SECRET, { counter: 2 }), null, 'an old counter');
      equal(
        show(core.verifyHotp(HOTP[9], HOTP_SECRET, { counter: 0, window: 9 })),
        show({ counter: 9, delta: 9 }),
        'window 9',
      );
      equal(
        show(core.verifyHotp('359 152', HOTP_SECRET, { counter: 2 })),
        show({ counter: 2, delta: 0 }),
        'spaces, as apps show codes',
      );
      for (const bad of [
        '',
        '35915',
        '3591522',
        '35915a',
        '359\u00a0152',
        '\uff13\uff15\uff19\uff11\uff15\uff12',
        359152,
      ]) {
        equal(core.verifyHotp(bad, HOTP_SECRET, { counter: 2 }), null, `malformed token ${show(bad)}`);
      }
    },
  },
  {
    name: 'qrMatrix: a square of 21+4k modules with the three finder patterns and timing lines',
    needs: ['qr.qrMatrix'],
    run({ qr }) {
      const m = qr.qrMatrix(
        'otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co',
      );
      const { size, dark } = readMatrix(m);
      ok(size >= 21 && size <= 177 && (size - 21) % 4 === 0, `size ${size} is 21 + 4k`);
      const finder = (x0, y0, where) => {
        for (let y = -1; y <= 7; y++) {
          for (let x = -1; x <= 7; x++) {
            const xx = x0 + x,
              yy = y0 + y;
            if (xx < 0 || yy < 0 || xx >= size || yy >= size) continue;
            const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
            // ring 0..1 centre dark, 2 light, 3 dark, 4 the light separator
            const expected = ring <= 1 || ring === 3;
            equal(dark(xx, yy), expected, `${where} finder module (${x},${y})`);
          }
        }
      };
      finder(0, 0, 'top-left');
      finder(size - 7, 0, 'top-right');
      finder(0, size - 7, 'bottom-left');
      for (let i = 8; i < size - 8; i++) {
        equal(dark(i, 6), i % 2 === 0, `horizontal timing module ${i}`);
        equal(dark(6, i), i % 2 === 0, `vertical timing module ${i}`);
      }
      equal(dark(8, size - 8), true, 'the dark module');
      const longer = readMatrix(qr.qrMatrix('x'.repeat(300))).size;
      ok(longer > size, `300 characters need a larger symbol (${longer} > ${size})`);
    },
  },
  {
    name: 'qrSvg: one <svg> whose viewBox spans the symbol plus its quiet zone',
    needs: ['qr.qrSvg', 'qr.qrMatrix'],
    run({ qr }) {
      const text = 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A';
      const svg = qr.qrSvg(text);
      ok(
        typeof svg === 'string' && /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg),
        `qrSvg returns an <svg>: ${show(String(svg).slice(0, 60))}`,
      );
      ok(svg.trimEnd().endsWith('</svg>'), 'qrSvg closes its <svg>');
      ok(svg.includes('xmlns="http://www.w3.org/2000/svg"'), 'qrSvg declares the SVG namespace');
      const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
      ok(viewBox, 'qrSvg has a viewBox "0 0 N N"');
      const { size } = readMatrix(qr.qrMatrix(text));
      equal(viewBox[1], viewBox[2], 'the viewBox is square');
      const quiet = (Number(viewBox[1]) - size) / 2;
      ok(
        Number.isInteger(quiet) && quiet >= 4,
        `the quiet zone is at least 4 modules (viewBox ${viewBox[1]}, symbol ${size})`,
      );
      ok(!svg.includes('<script') && !/\son\w+=/.test(svg), 'no script in the SVG');
    },
  },
  {
    name: 'qrPng: a PNG of the symbol; where the runtime decodes images (Chromium), its pixels are the modules',
    needs: ['qr.qrPng', 'qr.qrMatrix'],
    async run({ qr }) {
      const text = 'otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co';
      const margin = 4;
      const scale = 3;
      const png = qr.qrPng(text, { margin, scale });
      ok(png instanceof Uint8Array, 'qrPng returns a Uint8Array');
      bytesEqual(png.subarray(0, 8), Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10), 'PNG signature');
      const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
      equal(String.fromCharCode(...png.subarray(12, 16)), 'IHDR', 'first chunk');
      const { size } = readMatrix(qr.qrMatrix(text));
      const side = (size + 2 * margin) * scale;
      equal(view.getUint32(16), side, 'IHDR width');
      equal(view.getUint32(20), side, 'IHDR height');
      equal(String.fromCharCode(...png.subarray(png.length - 8, png.length - 4)), 'IEND', 'last chunk');
      // The browser's own PNG decoder (zlib, filters, CRCs all checked by an implementation nobody here wrote).
      await checkPixels(new Blob([png], { type: 'image/png' }), readMatrix(qr.qrMatrix(text)), margin, scale, 'PNG');
      // A scale-1 image has rows filtered with Up (no row repeats): the decoder must undo that too.
      await checkPixels(
        new Blob([qr.qrPng(text, { margin, scale: 1, level: 'H' })], { type: 'image/png' }),
        readMatrix(qr.qrMatrix(text, { level: 'H' })),
        margin,
        1,
        'PNG at scale 1',
      );
    },
  },
  {
    name: "qrDataUrl: the runtime's own fetch reads the data: URL back to qrPng/qrSvg; Chromium draws both as the modules",
    needs: ['qr.qrDataUrl', 'qr.qrPng', 'qr.qrSvg', 'qr.qrMatrix'],
    async run({ qr }) {
      const text = 'otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co';
      const png = qr.qrDataUrl(text, { scale: 2 });
      const svg = qr.qrDataUrl(text, { format: 'svg', scale: 2 });
      ok(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/.test(png), `a PNG data URL: ${png.slice(0, 40)}`);
      ok(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+={0,2}$/.test(svg), `an SVG data URL: ${svg.slice(0, 40)}`);
      if (typeof globalThis.fetch !== 'function') return;
      // RFC 2397 parsed by the runtime (fetch of a data: URL), not by us.
      bytesEqual(new Uint8Array(await (await fetch(png)).arrayBuffer()), qr.qrPng(text, { scale: 2 }), 'PNG data URL');
      equal(await (await fetch(svg)).text(), qr.qrSvg(text, { scale: 2 }), 'SVG data URL');
      const matrix = readMatrix(qr.qrMatrix(text));
      await checkPixels(png, matrix, 4, 2, 'PNG data URL');
      await checkPixels(svg, matrix, 4, 2, 'SVG data URL');
    },
  },
];

/**
 * Where the runtime can draw images and read their pixels (Chromium), decodes `image` (a Blob or a data: URL; an
 * SVG through an <img>, as a page shows it) and checks the centre of every module, quiet zone included.
 */
async function checkPixels(image, { size, dark }, margin, scale, what) {
  if (typeof globalThis.createImageBitmap !== 'function' || typeof globalThis.OffscreenCanvas !== 'function') return;
  const side = (size + 2 * margin) * scale;
  let source;
  if (typeof image === 'string' && image.startsWith('data:image/svg')) {
    if (typeof globalThis.Image !== 'function') return; // no DOM (Deno): SVG is not rasterised there
    source = new Image();
    source.src = image;
    await source.decode();
  } else {
    source = await createImageBitmap(typeof image === 'string' ? await (await fetch(image)).blob() : image);
  }
  equal(source.width, side, `${what}: decoded width`);
  const canvas = new OffscreenCanvas(side, side);
  const context = canvas.getContext('2d');
  if (!context) return; // Deno has OffscreenCanvas and createImageBitmap, but no 2D context to read pixels
  context.drawImage(source, 0, 0);
  const pixels = context.getImageData(0, 0, side, side).data;
  const isDark = (px, py) => pixels[(py * side + px) * 4] < 128;
  for (let y = -margin; y < size + margin; y++) {
    for (let x = -margin; x < size + margin; x++) {
      const expected = x >= 0 && y >= 0 && x < size && y < size && dark(x, y);
      const px = (x + margin) * scale + (scale >> 1);
      const py = (y + margin) * scale + (scale >> 1);
      if (isDark(px, py) !== expected)
        throw new AssertionError(`${what}: module (${x},${y}) is ${expected ? 'light' : 'dark'}`);
    }
  }
}

/**
 * Reads whatever shape qrMatrix returns — rows of booleans/0-1, or { size, modules|data } with a flat array — as
 * { size, dark(x, y) }.
 */
function readMatrix(m) {
  if (Array.isArray(m)) return { size: m.length, dark: (x, y) => Boolean(m[y][x]) };
  const size = m.size;
  const flat = m.modules ?? m.data;
  if (Array.isArray(flat) && Array.isArray(flat[0])) return { size, dark: (x, y) => Boolean(flat[y][x]) };
  if (flat && typeof flat.length === 'number') return { size, dark: (x, y) => Boolean(flat[y * size + x] & 1) };
  if (typeof m.get === 'function') return { size, dark: (x, y) => Boolean(m.get(x, y)) };
  throw new AssertionError(`unrecognised qrMatrix result: ${show(Object.keys(m))}`);
}

/** The exports each entry point must have; a missing one fails the 'exports' case. */
export const EXPORTS = {
  core: [
    'base32Encode',
    'base32Decode',
    'generateSecret',
    'generateUserConfiguration',
    'formatOtpauthUri',
    'generateHotp',
    'generateTotp',
    'verifyTotp',
    'verifyHotp',
    'parseOtpauthUri',
  ],
  qr: ['qrSvg', 'qrMatrix', 'qrPng', 'qrTerminal', 'qrDataUrl'],
};

cases.unshift({
  name: 'exports: every public name is a function on both entry points',
  needs: [],
  run(lib) {
    const missing = [];
    for (const [entry, names] of Object.entries(EXPORTS)) {
      for (const name of names) if (typeof lib[entry]?.[name] !== 'function') missing.push(`${entry}.${name}`);
    }
    equal(missing.join(', '), '', 'missing exports');
  },
});

/**
 * Runs every case against `lib`. A case whose `needs` are not exported is skipped (the 'exports' case is the one
 * that fails for them), so one missing module does not hide the results of the rest.
 * @param {Lib} lib
 * @returns {Promise<{ name: string, status: 'pass' | 'fail' | 'skip', message?: string }[]>}
 */
export async function runCases(lib) {
  const results = [];
  for (const c of cases) {
    const missing = c.needs.filter((need) => {
      const [entry, name] = need.split('.');
      return typeof lib[entry]?.[name] !== 'function';
    });
    if (missing.length > 0) {
      results.push({ name: c.name, status: 'skip', message: `not exported: ${missing.join(', ')}` });
      continue;
    }
    try {
      await c.run(lib);
      results.push({ name: c.name, status: 'pass' });
    } catch (error) {
      results.push({
        name: c.name,
        status: 'fail',
        message: `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`,
      });
    }
  }
  return results;
}

/** The line every shim prints for run.mjs to read. */
export const RESULT_MARK = '@@totp-config-runtime-result@@';
