// otpauth-migration (src/migration.ts): Google Authenticator's own exports from public test data, round trips,
// batches, refusals, and the QR code of a default batch read back by zbar. (test/migration-interop.test.ts checks
// the payloads against protoc and python3-protobuf.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { base32Encode } from '../src/base32.js';
import { ProtoWriter } from '../src/internal/protobuf.js';
import { decodeMigration, encodeMigration, MAX_MIGRATION_URI_LENGTH, type DecodedMigration } from '../src/migration.js';
import { parseOtpauthUri } from '../src/parse.js';
import { qrMatrix, qrPng } from '../src/qr.js';
import type { OtpauthUriOptions } from '../src/uri.js';
import { asParsed, migrationAccount } from './helpers/migration-accounts.js';
import { decodeBatch, requireTools, tempDir, write } from './helpers/qr-tools.js';
import { fastestRefusal } from './helpers/fastest.js';
import { readVectors } from './helpers/vectors.js';

const S = 'JBSWY3DPEHPK3PXP';
const PREFIX = 'otpauth-migration://offline?data=';

/** A payload's URI from hand-written protobuf, for inputs our encoder would never write. */
function payloadUri(build: (w: ProtoWriter) => void): string {
  const w = new ProtoWriter();
  build(w);
  return PREFIX + encodeURIComponent(Buffer.from(w.finish()).toString('base64'));
}

/** An `OtpParameters` message. */
function parameters(fields: {
  secret?: Uint8Array;
  name?: string;
  issuer?: string;
  algorithm?: number;
  digits?: number;
  type?: number;
  counter?: number;
}): Uint8Array {
  const w = new ProtoWriter();
  if (fields.secret) w.bytesField(1, fields.secret);
  if (fields.name !== undefined) w.stringField(2, fields.name);
  if (fields.issuer !== undefined) w.stringField(3, fields.issuer);
  if (fields.algorithm !== undefined) w.varintField(4, fields.algorithm);
  if (fields.digits !== undefined) w.varintField(5, fields.digits);
  if (fields.type !== undefined) w.varintField(6, fields.type);
  if (fields.counter !== undefined) w.varintField(7, fields.counter);
  return w.finish();
}

const KEY = Uint8Array.from([72, 101, 108, 108, 111, 33, 222, 173, 190, 239]); // 'JBSWY3DPEHPK3PXP'
const GOOD = { secret: KEY, name: 'alice', issuer: 'Example', algorithm: 1, digits: 1, type: 2 };
const oneAccount = (fields: Parameters<typeof parameters>[0], header = true) =>
  payloadUri((w) => {
    w.bytesField(1, parameters(fields));
    if (header) w.varintField(2, 1).varintField(3, 1).varintField(4, 0).varintField(5, 7);
  });

interface ExportEntry {
  id: string;
  uris: string[];
  expect: (Record<string, unknown> & { alternatives?: Record<string, unknown>[] })[];
  mustDecode: boolean;
  source: { repo: string; path: string };
}

describe('decodeMigration: Google Authenticator exports from public test data (../shared/vectors)', () => {
  it('every export decodes to the accounts its source lists', (t) => {
    const corpus = readVectors<{ entries: ExportEntry[] }>(t, 'migration-exports.json');
    if (corpus === undefined) return;
    let accounts = 0;
    for (const entry of corpus.entries) {
      let decoded: DecodedMigration;
      try {
        decoded = decodeMigration(entry.uris);
      } catch (error) {
        assert.ok(!entry.mustDecode, `${entry.id}: ${(error as Error).message}`);
        t.diagnostic(
          `${entry.id}: refused (${(error as { code?: string }).code}); not written by Google Authenticator`,
        );
        continue;
      }
      assert.equal(decoded.accounts.length, entry.expect.length, entry.id);
      entry.expect.forEach(({ alternatives = [], ...expected }, i) => {
        const got = decoded.accounts[i] as unknown as Record<string, unknown>;
        const matches = (want: Record<string, unknown>) =>
          Object.entries(want).every(([k, v]) => (got[k] ?? null) === v);
        assert.ok(
          matches(expected) || alternatives.some((a) => matches({ ...expected, ...a })),
          `${entry.id}[${i}]: ${JSON.stringify(got)}`,
        );
        accounts++;
      });
    }
    t.diagnostic(
      `${corpus.entries.length} exports from ${new Set(corpus.entries.map((e) => e.source.repo)).size} sources, ${accounts} accounts`,
    );
  });
});

describe('encodeMigration', () => {
  it('writes what Google Authenticator writes: account, issuer, enums, version 1 and the batch fields', () => {
    const [uri] = encodeMigration([{ secret: S, account: 'alice', issuer: 'Example' }], { batchId: 1 });
    assert.equal(
      uri,
      'otpauth-migration://offline?data=CiIKCkhlbGxvId6tvu8SBWFsaWNlGgdFeGFtcGxlIAEoATACEAEYASAAKAE%3D',
    );
  });
  it('takes parsed URIs as they are, and defaults to batches of 10 with a random int32 batch_id', () => {
    const accounts = Array.from({ length: 23 }, (_, i) =>
      parseOtpauthUri(`otpauth://totp/Ex:user${i}?secret=${S}&issuer=Ex`),
    );
    const uris = encodeMigration(accounts);
    assert.equal(uris.length, 3);
    const decoded = decodeMigration(uris);
    assert.deepEqual(decoded.accounts, accounts);
    assert.equal(decoded.batchCount, 3);
    assert.ok(Number.isInteger(decoded.batchId) && decoded.batchId >= -(2 ** 31) && decoded.batchId < 2 ** 31);
    const ids = new Set(
      Array.from({ length: 8 }, () => decodeMigration(encodeMigration(accounts.slice(0, 1))).batchId),
    );
    assert.ok(ids.size > 1, 'batch ids are drawn at random');
  });
  it('refuses what the format cannot represent, naming the account by index and never the secret', () => {
    const good = { secret: S, account: 'bob' };
    const cases: [object, RegExp][] = [
      [{ ...good, period: 60 }, /"accounts\[1\]\.period" must be 30/],
      [{ ...good, digits: 7 }, /"accounts\[1\]\.digits" must be 6 or 8/],
      [{ ...good, encoder: 'steam' }, /"accounts\[1\]\.encoder" 'steam' cannot be exported/],
    ];
    for (const [account, message] of cases) {
      assert.throws(
        () => encodeMigration([good, account as OtpauthUriOptions]),
        (e: Error & { code?: string }) => {
          assert.equal(e.name, 'RangeError');
          assert.equal(e.code, 'ERR_MIGRATION_UNSUPPORTED');
          assert.match(e.message, message);
          assert.ok(!e.message.includes(S));
          return true;
        },
      );
    }
    // HOTP has no period to lose, and 8 digits are fine.
    assert.equal(
      decodeMigration(encodeMigration([{ ...good, type: 'hotp', counter: 5, digits: 8 }])).accounts[0].counter,
      5,
    );
  });
  it("checks every account with formatOtpauthUri's rules, named accounts[i].field", () => {
    const cases: [unknown, string, RegExp][] = [
      [{ secret: 'jbswy3dp', account: 'bob' }, 'ERR_INVALID_BASE32', /"accounts\[0\]\.secret"/],
      [{ secret: S, account: 'b:ob' }, 'ERR_INVALID_LABEL', /"accounts\[0\]\.account" must not contain ':'/],
      [{ secret: S, account: 'bob\u202e' }, 'ERR_INVALID_LABEL', /U\+202E/],
      [{ secret: S, account: ' bob', issuer: 'X' }, 'ERR_INVALID_LABEL', /must not start with a space/],
      [{ secret: S, account: '.' }, 'ERR_INVALID_LABEL', /'\.' or '\.\.'/],
      [{ secret: S, account: 'bob', type: 'hotp' }, 'ERR_INVALID_ARG_VALUE', /"accounts\[0\]\.counter" is required/],
      [{ secret: S, account: 'bob', algorithm: 'MD5' }, 'ERR_INVALID_ARG_VALUE', /"accounts\[0\]\.algorithm"/],
      [{ secret: S, account: 42 }, 'ERR_INVALID_ARG_TYPE', /"accounts\[0\]\.account" must be a string/],
      [null, 'ERR_INVALID_ARG_TYPE', /"accounts\[0\]" must be an object/],
    ];
    for (const [account, code, message] of cases) {
      assert.throws(() => encodeMigration([account as OtpauthUriOptions]), { code, message });
    }
  });
  it('refuses bad arguments and options with coded errors', () => {
    const one = [{ secret: S, account: 'bob' }];
    assert.throws(() => encodeMigration('x' as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
    assert.throws(() => encodeMigration([]), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
    for (const batchSize of [0, 101, 1.5, -1]) {
      assert.throws(() => encodeMigration(one, { batchSize }), {
        code: 'ERR_OUT_OF_RANGE',
        message: /options\.batchSize/,
      });
    }
    for (const batchId of [2 ** 31, -(2 ** 31) - 1, 0.5]) {
      assert.throws(() => encodeMigration(one, { batchId }), { code: 'ERR_OUT_OF_RANGE', message: /options\.batchId/ });
    }
    assert.throws(() => encodeMigration(one, { batchId: '1' as never }), { code: 'ERR_INVALID_ARG_TYPE' });
    assert.throws(() => encodeMigration(Array(1001).fill(one[0]), { batchSize: 1 }), { code: 'ERR_OUT_OF_RANGE' });
    // Options are own properties only.
    const inherited = Object.create({ batchSize: 1 }) as { batchSize?: number };
    assert.equal(encodeMigration(Array(3).fill(one[0]), inherited).length, 1);
  });
  it('writes a negative batch_id as protobuf does, a 10-byte varint, and reads it back', () => {
    for (const batchId of [-1, -(2 ** 31), 2 ** 31 - 1, 0]) {
      const [uri] = encodeMigration([{ secret: S, account: 'bob' }], { batchId });
      assert.equal(decodeMigration(uri).batchId, batchId);
    }
    const [uri] = encodeMigration([{ secret: S, account: 'bob' }], { batchId: -1 });
    const payload = Buffer.from(decodeURIComponent(uri.slice(PREFIX.length)), 'base64');
    assert.equal(payload.subarray(-11).toString('hex'), '28ffffffffffffffffff01'); // field 5, varint, 10 bytes
  });
});

describe('encodeMigration and decodeMigration are inverses (fast-check)', () => {
  it('accounts → encodeMigration → decodeMigration gives the same accounts, with no warnings, batch by batch', (t) => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(migrationAccount, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        (accounts, batchSize, batchId) => {
          const uris = encodeMigration(accounts, { batchSize, batchId });
          assert.equal(uris.length, Math.ceil(accounts.length / batchSize));
          // Any order of the batches reads the same.
          const decoded = decodeMigration([...uris].reverse());
          assert.deepEqual(decoded, {
            accounts: accounts.map(asParsed),
            batchId,
            batchCount: uris.length,
            missing: [],
            warnings: [],
          });
          runs++;
        },
      ),
      { numRuns: 300 },
    );
    t.diagnostic(`${runs} fast-check round trips`);
  });
});

describe('decodeMigration: batches', () => {
  const accounts = Array.from({ length: 25 }, (_, i) => ({ secret: S, account: `user${i}` }));
  const uris = encodeMigration(accounts, { batchSize: 10, batchId: 42 });
  it('refuses missing batches and says which, or with { partial: true } returns the others with a warning', () => {
    assert.throws(() => decodeMigration([uris[0], uris[2]]), {
      code: 'ERR_MIGRATION_BATCH',
      message: /batch_index 1 of the 3 batches is missing/,
    });
    assert.throws(() => decodeMigration(uris[1]), {
      code: 'ERR_MIGRATION_BATCH',
      message: /batch_index 0, 2 of the 3 batches are missing/,
    });
    const partial = decodeMigration([uris[2], uris[0]], { partial: true });
    assert.deepEqual(partial.missing, [1]);
    assert.deepEqual(
      partial.accounts.map((a) => a.account),
      [...accounts.slice(0, 10), ...accounts.slice(20)].map((a) => a.account),
    );
    assert.deepEqual(
      partial.warnings.map((w) => w.code),
      ['MISSING_BATCH'],
    );
  });
  it('refuses a batch twice, batches of another export, and disagreeing batch counts', () => {
    assert.throws(() => decodeMigration([uris[0], uris[1], uris[1], uris[2]]), {
      code: 'ERR_MIGRATION_BATCH',
      message: /uris\[1\] and uris\[2\] are both batch_index 1/,
    });
    const other = encodeMigration(accounts, { batchSize: 10, batchId: 43 });
    assert.throws(() => decodeMigration([uris[0], other[1], uris[2]]), {
      code: 'ERR_MIGRATION_BATCH',
      message: /batch_id 43 and uris\[0\] 42/,
    });
    const five = encodeMigration(accounts, { batchSize: 5, batchId: 42 });
    assert.throws(() => decodeMigration([uris[0], five[1]]), {
      code: 'ERR_MIGRATION_BATCH',
      message: /says 5 batches/,
    });
    const outOfRange = payloadUri((w) =>
      w.bytesField(1, parameters(GOOD)).varintField(2, 1).varintField(3, 2).varintField(4, 2),
    );
    assert.throws(() => decodeMigration(outOfRange), {
      code: 'ERR_MIGRATION_BATCH',
      message: /batch_index 2 of batch_size 2/,
    });
  });
});

describe('decodeMigration: what Google Authenticator and the tools write', () => {
  it("a '+' in data survives: raw (scito/extract_otp_secrets#15), percent-encoded, and a space made of it", () => {
    const [uri] = encodeMigration([{ secret: S, account: 'bob' }], { batchId: 62 }); // base64 ends in '+'
    assert.equal(uri, `${PREFIX}ChcKCkhlbGxvId6tvu8SA2JvYiABKAEwAhABGAEgACg%2B`);
    const data = decodeURIComponent(uri.slice(PREFIX.length));
    const expected = decodeMigration(uri);
    assert.equal(expected.batchId, 62);
    assert.deepEqual(decodeMigration(PREFIX + data), expected);
    const spaced = decodeMigration(PREFIX + data.replace(/\+/g, ' '));
    assert.deepEqual(spaced.accounts, expected.accounts);
    assert.deepEqual(
      spaced.warnings.map((w) => w.code),
      ['SPACE_AS_PLUS'],
    );
    assert.deepEqual(decodeMigration(PREFIX + data.replace(/\+/g, '%20')).accounts, expected.accounts);
  });
  it("a name 'Issuer:account' is read as the apps read it", () => {
    const read = (name: string, issuer?: string) => {
      const [a] = decodeMigration(oneAccount({ ...GOOD, name, issuer })).accounts;
      return [a.issuer, a.account, a.warnings.map((w) => w.code)];
    };
    assert.deepEqual(read('Example:alice', 'Example'), ['Example', 'alice', []]);
    assert.deepEqual(read('Example:alice'), ['Example', 'alice', []]);
    assert.deepEqual(read('Example: alice'), ['Example', 'alice', ['ACCOUNT_PADDING']]);
    assert.deepEqual(read('Contoso:alice', 'Microsoft'), ['Microsoft', 'alice', ['ISSUER_MISMATCH']]);
    assert.deepEqual(read('alice', 'Example'), ['Example', 'alice', []]);
    assert.deepEqual(read('alice', ''), [undefined, 'alice', []]);
    assert.deepEqual(read('Example:', 'Example'), ['Example', '', ['EMPTY_ACCOUNT']]);
  });
  it('reads unspecified enums and a missing version or batch as Aegis does, with warnings; version 2 too', () => {
    const decoded = decodeMigration(oneAccount({ secret: KEY, name: 'bob' }, false));
    assert.deepEqual(
      decoded.warnings.map((w) => w.message),
      ['"uris[0]" has no version: read as 1', '"uris[0]" has no batch_size: read as 1'],
    );
    const [a] = decoded.accounts;
    assert.deepEqual([a.type, a.algorithm, a.digits, a.warnings.length], ['totp', 'SHA1', 6, 3]);
    const v2 = payloadUri((w) => w.bytesField(1, parameters(GOOD)).varintField(2, 2).varintField(3, 1));
    assert.deepEqual(decodeMigration(v2).warnings, []);
  });
  it('skips fields it does not know, in the payload and in the accounts', () => {
    const withUnknown = payloadUri((w) => {
      const p = new ProtoWriter()
        .bytesField(1, KEY)
        .stringField(2, 'bob')
        .varintField(9, 5)
        .stringField(15, 'x')
        .finish();
      w.bytesField(1, p).varintField(2, 1).varintField(3, 1).stringField(6, 'future').varintField(100, 1);
    });
    assert.equal(decodeMigration(withUnknown).accounts[0].account, 'bob');
  });
});

describe('decodeMigration: refusals, by code, never with the secret', () => {
  const TABLE: [string, string, string, RegExp][] = [
    [
      'MD5',
      oneAccount({ ...GOOD, algorithm: 4 }),
      'ERR_MIGRATION_UNSUPPORTED',
      /uris\[0\] account 0: algorithm MD5 is not supported/,
    ],
    ['an unknown algorithm', oneAccount({ ...GOOD, algorithm: 9 }), 'ERR_MIGRATION_UNSUPPORTED', /unknown algorithm 9/],
    ['a negative enum', oneAccount({ ...GOOD, algorithm: -1 }), 'ERR_MIGRATION_UNSUPPORTED', /unknown algorithm -1/],
    ['an unknown digit count', oneAccount({ ...GOOD, digits: 3 }), 'ERR_MIGRATION_UNSUPPORTED', /unknown digits 3/],
    ['an unknown type', oneAccount({ ...GOOD, type: 3 }), 'ERR_MIGRATION_UNSUPPORTED', /unknown type 3/],
    // The counter 2^64 - 1 (written as the varint of -1).
    [
      'a counter beyond 2^53 - 1',
      oneAccount({ ...GOOD, type: 1, counter: -1 }),
      'ERR_MIGRATION_UNSUPPORTED',
      /counter is beyond/,
    ],
    [
      'payload version 3',
      payloadUri((w) => w.bytesField(1, parameters(GOOD)).varintField(2, 3)),
      'ERR_MIGRATION_VERSION',
      /version 3/,
    ],
    ['no secret', oneAccount({ ...GOOD, secret: undefined }), 'ERR_MIGRATION_ACCOUNT', /account 0 has no secret/],
    [
      'a secret over 1,024 bytes',
      oneAccount({ ...GOOD, secret: new Uint8Array(1025).fill(1) }),
      'ERR_MIGRATION_ACCOUNT',
      /over 1024/,
    ],
    [
      'a spoofed name (right-to-left override)',
      oneAccount({ ...GOOD, name: 'evil\u202Egro.elpmaxe' }),
      'ERR_MIGRATION_ACCOUNT',
      /U\+202E/,
    ],
    [
      'a byte order mark in the issuer',
      oneAccount({ ...GOOD, issuer: '\uFEFFExample' }),
      'ERR_MIGRATION_ACCOUNT',
      /U\+FEFF/,
    ],
    ['a name with two colons', oneAccount({ ...GOOD, name: 'a:b:c' }), 'ERR_MIGRATION_ACCOUNT', /must not contain ':'/],
    [
      'no name and no issuer',
      oneAccount({ ...GOOD, name: '', issuer: '' }),
      'ERR_MIGRATION_ACCOUNT',
      /neither an account name nor an issuer/,
    ],
    [
      'a name that is not UTF-8',
      payloadUri((w) =>
        w.bytesField(1, new ProtoWriter().bytesField(1, KEY).bytesField(2, Uint8Array.of(0xff)).finish()),
      ),
      'ERR_MIGRATION_MALFORMED',
      /name is not UTF-8/,
    ],
    [
      'a name as a varint',
      payloadUri((w) => w.bytesField(1, new ProtoWriter().bytesField(1, KEY).varintField(2, 1).finish())),
      'ERR_MIGRATION_MALFORMED',
      /name \(field 2\) must be length-delimited/,
    ],
    [
      'a truncated payload',
      PREFIX + 'CiIKCkhlbGxv',
      'ERR_MIGRATION_MALFORMED',
      /uris\[0\]: Malformed migration payload: a length past the end/,
    ],
    ['data that is not base64', PREFIX + 'CiIK!', 'ERR_MIGRATION_MALFORMED', /not base64/],
    ['bad percent-encoding', PREFIX + 'CiIK%', 'ERR_MIGRATION_MALFORMED', /percent-encoding/],
    ['no data', 'otpauth-migration://offline?foo=bar', 'ERR_MIGRATION_MALFORMED', /one "data" parameter/],
    ['two data parameters', `${PREFIX}AAAA&data=AAAA`, 'ERR_MIGRATION_MALFORMED', /one "data" parameter/],
    [
      'an otpauth URI',
      `otpauth://totp/bob?secret=${S}`,
      'ERR_MIGRATION_MALFORMED',
      /must start with "otpauth-migration:\/\/offline\?"/,
    ],
  ];
  for (const [name, uri, code, message] of TABLE) {
    it(`${code}: ${name}`, () => {
      assert.throws(
        () => decodeMigration(uri),
        (e: Error & { code?: string }) => {
          assert.equal(e.name, 'TotpConfigError');
          assert.equal(e.code, code, e.message);
          assert.match(e.message, message);
          assert.ok(!e.message.includes(S) && !e.message.includes('Hello'), e.message);
          return true;
        },
      );
    });
  }
  it('refuses bad arguments with coded errors', () => {
    assert.throws(() => decodeMigration(42 as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
    assert.throws(() => decodeMigration([42] as never), {
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_TYPE',
      message: /"uris\[0\]"/,
    });
    assert.throws(() => decodeMigration([]), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
    assert.throws(() => decodeMigration(Array(1001).fill('x')), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
    assert.throws(() => decodeMigration(oneAccount(GOOD), { partial: 1 as never }), { code: 'ERR_INVALID_ARG_TYPE' });
  });
  it(`refuses a URI over ${MAX_MIGRATION_URI_LENGTH} characters in constant time: 10^7 characters in under 1 ms`, () => {
    const huge = PREFIX + 'A'.repeat(1e7);
    const best = fastestRefusal(
      () => decodeMigration(huge),
      (error) =>
        assert.throws(
          () => {
            throw error;
          },
          { code: 'ERR_MIGRATION_MALFORMED', message: /at most 1048576 characters/ },
        ),
    );
    assert.ok(best < 1, `${best} ms`);
  });
});

describe('a default batch of 10 accounts as a QR code', () => {
  // Ten accounts as people have them: 20-byte secrets (SHA1's default), e-mail accounts, common issuers.
  const issuers = [
    'Google',
    'GitHub',
    'Microsoft',
    'Amazon Web Services',
    'Dropbox',
    'Discord',
    'Example Co',
    'GitLab',
    'Proton',
    'Cloudflare',
  ];
  const accounts = issuers.map((issuer, i) => ({
    secret: base32Encode(Uint8Array.from({ length: 20 }, (_, j) => (j * 31 + i * 7 + 3) & 255)),
    account: `alice.example${i}@example.com`,
    issuer,
  }));
  const [uri] = encodeMigration(accounts, { batchId: -123456789 });
  it('fits version 26 at level M (22 at L): a code that phones scan from a screen', (t) => {
    const versions = (['L', 'M', 'Q'] as const).map((level) => `${level}: version ${qrMatrix(uri, { level }).version}`);
    t.diagnostic(`10 accounts, ${uri.length} characters: ${versions.join(', ')}`);
    assert.equal(qrMatrix(uri).version, 26);
  });
  it('decodes with zbar back to the exact URI', (t) => {
    if (!requireTools(t, ['zbarimg'])) return;
    const { dir, cleanup } = tempDir();
    try {
      const file = write(dir, 'batch-1.png', qrPng(uri, { scale: 4 }));
      const decoded = decodeBatch('zbar', [file]).toString('latin1');
      assert.equal(decoded, uri);
      assert.equal(decodeMigration(decoded).accounts.length, 10);
    } finally {
      cleanup();
    }
  });
});
