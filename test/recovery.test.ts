// Recovery codes: the format, the randomness (χ² of symbols, positions and neighbours over 200,000 codes, no
// repeats), the bit strength the README states, what typing is forgiven, the stored formats checked by
// node:crypto and by Python's hashlib/hmac from the README's own description, and the errors.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { generateRecoveryCodes, hashRecoveryCode, verifyRecoveryCode } from '../src/index.js';
import {
  DEFAULT_RECOVERY_CODE_LENGTH,
  MAX_RECOVERY_CODE_LENGTH,
  MIN_PLAIN_RECOVERY_CODE_LENGTH,
  MIN_RECOVERY_CODE_LENGTH,
  RECOVERY_CODE_ALPHABET,
} from '../src/recovery.js';
import { DEBIAN_PYTHON, python, requireTool, runs } from './helpers/tools.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ALPHABET = RECOVERY_CODE_ALPHABET;
const PEPPER = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
const symbolsOf = (code: string): string => code.replaceAll('-', '');

/** The χ² critical value for `dof` degrees of freedom at p = 0.001 (Wilson–Hilferty, z = 3.0902). */
function chiSquareLimit(dof: number): number {
  const a = 2 / (9 * dof);
  return dof * (1 - a + 3.0902 * Math.sqrt(a)) ** 3;
}

function chiSquare(counts: ArrayLike<number>, expected: number): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += (counts[i] - expected) ** 2 / expected;
  return sum;
}

test('the alphabet is Crockford base32: 32 symbols, no I, L, O or U, and nothing that maps to another symbol', () => {
  assert.equal(ALPHABET, '0123456789ABCDEFGHJKMNPQRSTVWXYZ');
  assert.equal(new Set(ALPHABET).size, 32);
  for (const confusable of 'ILOU') assert.ok(!ALPHABET.includes(confusable));
});

test('codes: 10 by default, 24 symbols in groups of four, all different; count and length options', () => {
  const group = `[${ALPHABET}]{4}`;
  const codes = generateRecoveryCodes();
  assert.equal(codes.length, 10);
  for (const code of codes) assert.match(code, new RegExp(`^${group}(-${group}){5}$`));
  assert.equal(new Set(codes).size, 10);
  assert.equal(generateRecoveryCodes({ count: 1 }).length, 1);
  assert.equal(generateRecoveryCodes({ count: 100 }).length, 100);
  assert.match(generateRecoveryCodes({ length: 16 })[0], new RegExp(`^${group}(-${group}){3}$`));
  assert.match(generateRecoveryCodes({ length: 13 })[0], new RegExp(`^${group}(-${group}){2}-[${ALPHABET}]$`));
  assert.equal(symbolsOf(generateRecoveryCodes({ length: 64 })[0]).length, 64);
  for (const count of [0, 101, 1.5, NaN]) {
    assert.throws(() => generateRecoveryCodes({ count }), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  }
  for (const length of [12, 65, 24.5]) {
    assert.throws(() => generateRecoveryCodes({ length }), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  }
  assert.throws(() => generateRecoveryCodes({ count: '10' as never }), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
  });
  assert.throws(() => generateRecoveryCodes(null as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
});

test('200,000 codes: no repeats; χ² of the symbols, of symbol by position and of neighbouring pairs', (t) => {
  const N = 200_000;
  const L = DEFAULT_RECOVERY_CODE_LENGTH;
  const seen = new Set<string>();
  const symbols = new Float64Array(32);
  const byPosition = new Float64Array(L * 32);
  const pairs = new Float64Array(32 * 32);
  const index = new Int8Array(128).fill(-1);
  for (let i = 0; i < 32; i++) index[ALPHABET.charCodeAt(i)] = i;
  while (seen.size < N) {
    for (const code of generateRecoveryCodes({ count: 100 })) {
      assert.ok(!seen.has(code), 'a code repeated');
      seen.add(code);
      const s = symbolsOf(code);
      let previous = -1;
      for (let p = 0; p < L; p++) {
        const v = index[s.charCodeAt(p)];
        symbols[v]++;
        byPosition[p * 32 + v]++;
        if (previous >= 0) pairs[previous * 32 + v]++;
        previous = v;
      }
    }
  }
  const results = [
    ['symbols', chiSquare(symbols, (N * L) / 32), 31],
    ['symbol by position', chiSquare(byPosition, N / 32), L * 32 - 1],
    ['neighbouring pairs', chiSquare(pairs, (N * (L - 1)) / 1024), 1023],
  ] as const;
  for (const [what, x2, dof] of results) {
    const limit = chiSquareLimit(dof);
    t.diagnostic(`χ² of ${what}: ${x2.toFixed(1)} (${dof} degrees of freedom, p = 0.001 limit ${limit.toFixed(1)})`);
    assert.ok(x2 < limit, `χ² of ${what} ${x2} is above ${limit}`);
  }
});

test('the bit strength in the README is the alphabet and the length: log2(32) × 24 = 120 bits', () => {
  const bits = Math.log2(ALPHABET.length) * DEFAULT_RECOVERY_CODE_LENGTH;
  assert.equal(bits, 120);
  // Every generated code has exactly this many independent uniform symbols (the χ² test above checks the uniform).
  assert.equal(symbolsOf(generateRecoveryCodes()[0]).length, DEFAULT_RECOVERY_CODE_LENGTH);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const stated = /(\d+) symbols of a (\d+)-symbol alphabet, (\d+) bits each: \*\*(\d+) bits\*\*/.exec(readme);
  assert.ok(stated, 'the README states the strength as "N symbols of a M-symbol alphabet, B bits each: **T bits**"');
  const [, length, size, each, total] = stated.map(Number);
  assert.deepEqual(
    [length, size, each, total],
    [DEFAULT_RECOVERY_CODE_LENGTH, ALPHABET.length, Math.log2(ALPHABET.length), bits],
  );
  // The shortest length stored as a plain hash is the first with 112 bits (NIST SP 800-63B §5.1.2.2) …
  assert.ok(MIN_PLAIN_RECOVERY_CODE_LENGTH * Math.log2(32) >= 112);
  assert.ok((MIN_PLAIN_RECOVERY_CODE_LENGTH - 1) * Math.log2(32) < 112);
  // … and the shortest of all is the first above NIST's 64-bit floor.
  assert.ok(MIN_RECOVERY_CODE_LENGTH * Math.log2(32) >= 64);
  assert.ok((MIN_RECOVERY_CODE_LENGTH - 1) * Math.log2(32) < 64);
  const floor = /shortest codes? (?:is|are) (\d+) symbols \((\d+) bits\)/.exec(readme);
  assert.ok(floor, 'the README states the shortest code');
  assert.deepEqual([Number(floor[1]), Number(floor[2])], [MIN_RECOVERY_CODE_LENGTH, MIN_RECOVERY_CODE_LENGTH * 5]);
});

test('what people type is forgiven: case, spaces, dashes, O/I/L, full-width forms, typographic dashes', () => {
  const codes = generateRecoveryCodes();
  const stored = codes.map((code) => hashRecoveryCode(code));
  const code = codes[4];
  const typed = [
    code,
    code.toLowerCase(),
    symbolsOf(code),
    code.replaceAll('-', ' '),
    `  ${code.replaceAll('-', '\t')}\n`,
    code.replaceAll('-', '\u2013'), // en dash, as word processors write it
    code.replaceAll('-', '\u00a0'),
    [...symbolsOf(code)].join(' '),
    code.replace(/./g, (c) => (c === '-' ? '-' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))), // full width
  ];
  for (const input of typed) assert.equal(verifyRecoveryCode(input, stored), 4, JSON.stringify(input));
  // Confusables: a code holding 0 and 1 read back from O, I and L.
  const known = '01AB-CD01-EF01-GH01-JK01-MN01';
  const mine = [hashRecoveryCode(known)];
  for (const input of ['OIAB-CDOL-EFOi-GHol-JKoI-MNOL', 'o1ab cd0l ef01 gh0i jk01 mn01']) {
    assert.equal(verifyRecoveryCode(input, mine), 0, input);
  }
});

test('property: a code typed with random case, separators and confusables is found at its index', () => {
  const codes = generateRecoveryCodes({ count: 10 });
  const stored = codes.map((code) => hashRecoveryCode(code));
  const separators = ['', ' ', '-', '  ', '\u2010', '\u00a0', '\t'];
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9 }),
      fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: separators.length - 1 }), fc.boolean()), {
        minLength: 24,
        maxLength: 24,
      }),
      (which, edits) => {
        let typed = '';
        [...symbolsOf(codes[which])].forEach((symbol, i) => {
          const [lower, separator, confuse] = edits[i];
          let c = confuse && symbol === '0' ? 'O' : confuse && symbol === '1' ? 'l' : symbol;
          if (lower) c = c.toLowerCase();
          typed += separators[separator] + c;
        });
        assert.equal(verifyRecoveryCode(typed, stored), which);
      },
    ),
    { numRuns: 300 },
  );
});

test('anything that is not a code is -1, never an exception', () => {
  const codes = generateRecoveryCodes();
  const stored = codes.map((code) => hashRecoveryCode(code));
  const code = codes[0];
  const inputs: unknown[] = [
    undefined,
    null,
    123456,
    {},
    [],
    '',
    ' ',
    '-',
    code.slice(0, -1),
    `${code}A`,
    code.replace(/[A-Z0-9]/, 'U'),
    code.replace(/[A-Z0-9]/, '!'),
    code.replace(/[A-Z0-9]/, 'é'),
    `${code}\u0000`,
    'x'.repeat(1 << 20),
    `${code} `.repeat(20),
    new String(code),
    generateRecoveryCodes()[0],
    code.replace('-', '_'),
  ];
  for (const input of inputs) assert.equal(verifyRecoveryCode(input as never, stored), -1, String(input).slice(0, 40));
  assert.equal(verifyRecoveryCode(code, []), -1);
});

test('plain storage: $tcrc$sha256$ and the SHA-256 (node:crypto) of the normalised code', () => {
  const code = generateRecoveryCodes()[0];
  const stored = hashRecoveryCode(code.toLowerCase());
  assert.match(stored, /^\$tcrc\$sha256\$[0-9a-f]{64}$/);
  assert.equal(stored, `$tcrc$sha256$${createHash('sha256').update(symbolsOf(code)).digest('hex')}`);
  assert.equal(hashRecoveryCode(code), stored, 'the plain form is deterministic');
});

test('peppered storage: $tcrc$hmac-sha256$<salt>$ and HMAC-SHA-256(pepper, salt ‖ code) (node:crypto)', () => {
  const code = generateRecoveryCodes({ length: 16 })[0];
  const stored = hashRecoveryCode(code, { pepper: PEPPER });
  const match = /^\$tcrc\$hmac-sha256\$([0-9a-f]{32})\$([0-9a-f]{64})$/.exec(stored);
  assert.ok(match, stored);
  const salt = Buffer.from(match[1], 'hex');
  const mac = createHmac('sha256', PEPPER)
    .update(Buffer.concat([salt, Buffer.from(symbolsOf(code))]))
    .digest('hex');
  assert.equal(match[2], mac);
  assert.notEqual(hashRecoveryCode(code, { pepper: PEPPER }), stored, 'a fresh salt every time');
  assert.equal(verifyRecoveryCode(code, [stored], { pepper: PEPPER }), 0);
  assert.equal(verifyRecoveryCode(code, [stored], { pepper: PEPPER.map((b) => b ^ 1) }), -1, 'another pepper');
});

test('codes under 112 bits need a pepper; the shortest code is 13 symbols (65 bits)', () => {
  const short = generateRecoveryCodes({ length: MIN_PLAIN_RECOVERY_CODE_LENGTH - 1 })[0];
  assert.throws(
    () => hashRecoveryCode(short),
    (error: Error & { code?: string }) => {
      assert.equal(error.name, 'RangeError');
      assert.equal(error.code, 'ERR_WEAK_RECOVERY_CODE');
      assert.ok(!error.message.includes(symbolsOf(short)) && !error.message.includes(short), 'no code in the message');
      return true;
    },
  );
  assert.match(
    hashRecoveryCode(generateRecoveryCodes({ length: MIN_PLAIN_RECOVERY_CODE_LENGTH })[0]),
    /^\$tcrc\$sha256\$/,
  );
  const shortest = generateRecoveryCodes({ length: MIN_RECOVERY_CODE_LENGTH })[0];
  assert.equal(verifyRecoveryCode(shortest, [hashRecoveryCode(shortest, { pepper: PEPPER })], { pepper: PEPPER }), 0);
  assert.throws(() => hashRecoveryCode('ABCD-EFGH-JKM'.slice(0, 11)), { code: 'ERR_INVALID_RECOVERY_CODE' });
  assert.throws(() => hashRecoveryCode('X'.repeat(MAX_RECOVERY_CODE_LENGTH + 1)), {
    code: 'ERR_INVALID_RECOVERY_CODE',
  });
  assert.throws(() => hashRecoveryCode('ABCD-EFGH-JKMN-PQRS-TVWX-YZU0'), {
    name: 'RangeError',
    code: 'ERR_INVALID_RECOVERY_CODE',
  });
  assert.throws(() => hashRecoveryCode(12 as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
});

test('mixed lists, the first of two equal hashes, and stored hashes checked before the input is read', () => {
  const [a, b, c] = generateRecoveryCodes({ count: 3 });
  const stored = [
    hashRecoveryCode(a),
    hashRecoveryCode(b, { pepper: PEPPER }),
    hashRecoveryCode(c),
    hashRecoveryCode(c),
  ];
  assert.equal(verifyRecoveryCode(b, stored, { pepper: PEPPER }), 1);
  assert.equal(verifyRecoveryCode(c, stored, { pepper: PEPPER }), 2, 'the first of two equal hashes');
  assert.throws(
    () => verifyRecoveryCode(a, stored),
    { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' },
    'peppered, no pepper',
  );
  const bad = [
    '$tcrc$sha256$',
    `$tcrc$sha256$${'A'.repeat(64)}`,
    `$tcrc$sha512$${'a'.repeat(64)}`,
    `${stored[0]} `,
    'plain',
  ];
  for (const hash of bad) {
    assert.throws(() => verifyRecoveryCode(a, [stored[0], hash]), {
      name: 'TotpConfigError',
      code: 'ERR_INVALID_RECOVERY_HASH',
    });
    assert.throws(
      () => verifyRecoveryCode(42 as never, [hash]),
      { code: 'ERR_INVALID_RECOVERY_HASH' },
      'even for garbage input',
    );
  }
  assert.throws(() => verifyRecoveryCode(a, 'x' as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => verifyRecoveryCode(a, [stored[0], 7] as never), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
  });
  for (const pepper of [new Uint8Array(15), new Uint8Array(65)]) {
    assert.throws(() => hashRecoveryCode(a, { pepper }), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
    assert.throws(() => verifyRecoveryCode(a, [], { pepper }), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  }
  assert.throws(() => hashRecoveryCode(a, { pepper: 'key' as never }), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
  });
});

// The README's description of the formats, implemented in Python from that description alone, verifies what we
// store and rejects what it should.
const PYTHON_VERIFIER = String.raw`
import hashlib, hmac, json, sys
SEPARATORS = set(' \t\n\r\x0b\x0c-\u00a0\u202f\u3000\u2212') | {chr(c) for c in range(0x2000, 0x200b)} | {chr(c) for c in range(0x2010, 0x2016)}
ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
def normalise(text):
    out = ''
    for ch in text:
        if 0xff01 <= ord(ch) <= 0xff5e:
            ch = chr(ord(ch) - 0xfee0)
        if ch in SEPARATORS:
            continue
        ch = {'O': '0', 'I': '1', 'L': '1'}.get(ch.upper() if ch.isascii() else ch, ch.upper() if ch.isascii() else ch)
        if ch not in ALPHABET:
            return None
        out += ch
    return out if 13 <= len(out) <= 64 else None
def check(typed, stored, pepper):
    code = normalise(typed)
    if code is None:
        return False
    parts = stored.split('$')
    if parts[:3] == ['', 'tcrc', 'sha256'] and len(parts) == 4:
        digest = hashlib.sha256(code.encode('ascii')).hexdigest()
    elif parts[:3] == ['', 'tcrc', 'hmac-sha256'] and len(parts) == 5:
        digest = hmac.new(bytes.fromhex(pepper), bytes.fromhex(parts[3]) + code.encode('ascii'), hashlib.sha256).hexdigest()
    else:
        raise ValueError('not a recovery-code hash')
    return hmac.compare_digest(digest, parts[-1])
cases = json.load(sys.stdin)
json.dump([check(c['typed'], c['stored'], c['pepper']) for c in cases], sys.stdout)
`;

test('Python (hashlib, hmac) verifies the stored formats as the README describes them', (t) => {
  if (!requireTool(t, runs(DEBIAN_PYTHON), 'Debian python3', 'apt-get install python3')) return;
  const pepperHex = Buffer.from(PEPPER).toString('hex');
  const cases: { typed: string; stored: string; pepper: string; expected: boolean }[] = [];
  for (const length of [13, 16, 23, 24, 32, 64]) {
    const [code, other] = generateRecoveryCodes({ count: 2, length });
    const variants = [code, code.toLowerCase().replaceAll('-', ' '), code.replaceAll('0', 'o').replaceAll('1', 'l')];
    const hashes = [hashRecoveryCode(code, { pepper: PEPPER })];
    if (length >= MIN_PLAIN_RECOVERY_CODE_LENGTH) hashes.push(hashRecoveryCode(code));
    for (const stored of hashes) {
      for (const typed of variants) cases.push({ typed, stored, pepper: pepperHex, expected: true });
      cases.push({ typed: other, stored, pepper: pepperHex, expected: false });
    }
  }
  const answers = python(PYTHON_VERIFIER, cases) as boolean[];
  assert.deepEqual(
    answers,
    cases.map((c) => c.expected),
  );
  t.diagnostic(`${cases.length} cases checked by ${DEBIAN_PYTHON}`);
});
