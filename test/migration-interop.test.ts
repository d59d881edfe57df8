// otpauth-migration payloads against protobuf implementations nobody here wrote, in both directions, batches
// included: Debian's protoc (--decode and --encode, with the schema of issue 11) and python3-protobuf (its module
// generated with protoc --python_out at test time into a temporary folder). Locally a missing tool skips with the
// reason printed; under CI=true it fails (.ci/run installs protobuf-compiler and python3-protobuf).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import fc from 'fast-check';
import { base32Decode } from '../src/base32.js';
import { decodeMigration, encodeMigration } from '../src/migration.js';
import type { OtpauthUriOptions } from '../src/uri.js';
import { asParsed, migrationAccount } from './helpers/migration-accounts.js';
import { DEBIAN_PYTHON, requireTool, runs } from './helpers/tools.js';
import { readVectors } from './helpers/vectors.js';

const SCHEMA = `syntax = "proto3";
message MigrationPayload {
  enum Algorithm  { ALGORITHM_UNSPECIFIED = 0; SHA1 = 1; SHA256 = 2; SHA512 = 3; MD5 = 4; }
  enum DigitCount { DIGIT_COUNT_UNSPECIFIED = 0; SIX = 1; EIGHT = 2; }
  enum OtpType    { OTP_TYPE_UNSPECIFIED = 0; HOTP = 1; TOTP = 2; }
  message OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
                          DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
  repeated OtpParameters otp_parameters = 1;
  int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
}
// Not part of the format: many payloads in one protoc run.
message Payloads { repeated MigrationPayload payload = 1; }
`;
const PREFIX = 'otpauth-migration://offline?data=';
const ALGORITHMS = ['ALGORITHM_UNSPECIFIED', 'SHA1', 'SHA256', 'SHA512', 'MD5'];
const DIGITS = ['DIGIT_COUNT_UNSPECIFIED', 'SIX', 'EIGHT'];
const TYPES = ['OTP_TYPE_UNSPECIFIED', 'HOTP', 'TOTP'];

/** A payload's fields, as every implementation here reports them (enums as numbers, secret as hex). */
interface Payload {
  version: number;
  batch_size: number;
  batch_index: number;
  batch_id: number;
  otp: {
    secret: string;
    name: string;
    issuer: string;
    algorithm: number;
    digits: number;
    type: number;
    counter: string;
  }[];
}

/** What a payload should hold for accounts as encodeMigration writes them (name: the account alone). */
function expectedPayload(
  accounts: OtpauthUriOptions[],
  batchSize: number,
  batchIndex: number,
  batchId: number,
): Payload {
  return {
    version: 1,
    batch_size: batchSize,
    batch_index: batchIndex,
    batch_id: batchId,
    otp: accounts.map((a) => ({
      secret: Buffer.from(base32Decode(a.secret)).toString('hex'),
      name: a.account,
      issuer: a.issuer ?? '',
      algorithm: { SHA1: 1, SHA256: 2, SHA512: 3 }[a.algorithm ?? 'SHA1'],
      digits: a.digits === 8 ? 2 : 1,
      type: a.type === 'hotp' ? 1 : 2,
      counter: String(a.type === 'hotp' ? a.counter : 0),
    })),
  };
}

const payloadOf = (uri: string) => Buffer.from(decodeURIComponent(uri.slice(PREFIX.length)), 'base64');
const uriOf = (payload: Buffer) => PREFIX + encodeURIComponent(payload.toString('base64'));

/** Deterministic batches of random accounts: [accounts, batch size, batch id] for each seed. */
function exports(seed: number, count: number): [OtpauthUriOptions[], number, number][] {
  return fc.sample(
    fc.tuple(
      fc.array(migrationAccount, { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    ),
    { seed, numRuns: count },
  );
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'totp-config-protobuf-'));
  writeFileSync(join(dir, 'migration.proto'), SCHEMA);
});
after(() => rmSync(dir, { recursive: true, force: true }));

// protoc's text format: `name: value` lines, `otp_parameters { … }` blocks, strings with C escapes (octal bytes).
function unescapeText(quoted: string): Buffer {
  const bytes: number[] = [];
  const body = quoted.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      bytes.push(...Buffer.from(body[i], 'utf8'));
      continue;
    }
    const octal = (/^[0-7]{1,3}/.exec(body.slice(i + 1)) ?? [''])[0];
    if (octal) {
      bytes.push(parseInt(octal, 8));
      i += octal.length;
    } else {
      const c = body[++i];
      bytes.push(({ n: 10, r: 13, t: 9 } as Record<string, number>)[c] ?? c.charCodeAt(0));
    }
  }
  return Buffer.from(bytes);
}

function fromText(text: string): Payload[] {
  const payloads: Payload[] = [];
  let payload: Payload = { version: 0, batch_size: 0, batch_index: 0, batch_id: 0, otp: [] };
  let account: Payload['otp'][number] | undefined;
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    if (line === 'payload {') {
      payload = { version: 0, batch_size: 0, batch_index: 0, batch_id: 0, otp: [] };
      payloads.push(payload);
    } else if (line === 'otp_parameters {') {
      account = { secret: '', name: '', issuer: '', algorithm: 0, digits: 0, type: 0, counter: '0' };
      payload.otp.push(account);
    } else if (line === '}')
      account = undefined; // the end of an account, or of a payload
    else {
      const [, key, value] = /^(\w+): (.*)$/.exec(line)!;
      if (account === undefined) (payload as unknown as Record<string, number>)[key] = Number(value);
      else if (key === 'secret') account.secret = unescapeText(value).toString('hex');
      else if (key === 'name' || key === 'issuer') account[key] = unescapeText(value).toString('utf8');
      else if (key === 'algorithm') account.algorithm = ALGORITHMS.indexOf(value);
      else if (key === 'digits') account.digits = DIGITS.indexOf(value);
      else if (key === 'type') account.type = TYPES.indexOf(value);
      else if (key === 'counter') account.counter = value;
    }
  }
  return payloads;
}

const octal = (bytes: Uint8Array) => '"' + [...bytes].map((b) => '\\' + b.toString(8).padStart(3, '0')).join('') + '"';

function toText(p: Payload): string {
  const accounts = p.otp.map(
    (a) =>
      `otp_parameters { secret: ${octal(Buffer.from(a.secret, 'hex'))} name: ${octal(Buffer.from(a.name))} ` +
      `issuer: ${octal(Buffer.from(a.issuer))} algorithm: ${ALGORITHMS[a.algorithm]} digits: ${DIGITS[a.digits]} ` +
      `type: ${TYPES[a.type]} counter: ${a.counter} }`,
  );
  const header = `version: ${p.version} batch_size: ${p.batch_size} batch_index: ${p.batch_index} batch_id: ${p.batch_id}`;
  return `payload {\n${accounts.join('\n')}\n${header}\n}\n`;
}

/** Payloads as one \`Payloads\` message: each a field 1, length-delimited (lengths here stay under 2^14). */
function frame(payloads: Uint8Array[]): Buffer {
  return Buffer.concat(
    payloads.flatMap((p) => [
      Buffer.from(p.length < 128 ? [10, p.length] : [10, (p.length & 127) | 128, p.length >> 7]),
      p,
    ]),
  );
}

/** The payloads of a \`Payloads\` message. */
function unframe(message: Buffer): Buffer[] {
  const payloads: Buffer[] = [];
  for (let at = 0; at < message.length; ) {
    assert.equal(message[at++], 10);
    let length = message[at++];
    if (length >= 128) length = (length & 127) | (message[at++] << 7);
    payloads.push(message.subarray(at, (at += length)));
  }
  return payloads;
}

function protoc(args: string[], input: Uint8Array | string): Buffer {
  const result = spawnSync('protoc', [`--proto_path=${dir}`, ...args, join(dir, 'migration.proto')], {
    input,
    maxBuffer: 1 << 26,
  });
  assert.equal(result.status, 0, `protoc ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const needProtoc = (t: TestContext) =>
  requireTool(t, runs('protoc', ['--version']), 'protoc', 'apt-get install protobuf-compiler');

describe('otpauth-migration against protoc (protobuf-compiler)', () => {
  it('protoc --decode reads every payload encodeMigration writes, batches included', (t) => {
    if (!needProtoc(t)) return;
    const cases = exports(11, 150);
    const uris = cases.map(([list, batchSize, batchId]) => encodeMigration(list, { batchSize, batchId }));
    const text = protoc(['--decode=Payloads'], frame(uris.flat().map(payloadOf))).toString('utf8');
    const expected = cases.flatMap(([list, batchSize, batchId], c) =>
      uris[c].map((_, index) =>
        expectedPayload(list.slice(index * batchSize, (index + 1) * batchSize), uris[c].length, index, batchId),
      ),
    );
    assert.deepEqual(fromText(text), expected);
    t.diagnostic(`protoc --decode: ${expected.length} payloads of ${cases.length} exports read as written`);
  });
  it('decodeMigration reads every payload protoc --encode writes, batches included', (t) => {
    if (!needProtoc(t)) return;
    const cases = exports(12, 150);
    const batches = cases.map(([list, batchSize, batchId]) => {
      const count = Math.ceil(list.length / batchSize);
      return Array.from({ length: count }, (_, index) =>
        expectedPayload(list.slice(index * batchSize, (index + 1) * batchSize), count, index, batchId),
      );
    });
    const written = unframe(protoc(['--encode=Payloads'], batches.flat().map(toText).join('')));
    let at = 0;
    cases.forEach(([list, , batchId], c) => {
      const uris = written
        .slice(at, (at += batches[c].length))
        .map(uriOf)
        .reverse();
      assert.deepEqual(decodeMigration(uris), {
        accounts: list.map(asParsed),
        batchId,
        batchCount: batches[c].length,
        missing: [],
        warnings: [],
      });
    });
    t.diagnostic(`protoc --encode: ${written.length} payloads of ${cases.length} exports read back`);
  });
});

// The Python side: reads base64 payloads and prints their fields, or builds payloads from fields.
const PYTHON = `
import base64, json, sys
sys.path.insert(0, sys.argv[1])
import migration_pb2
M = migration_pb2.MigrationPayload
def fields(p):
    return {'version': p.version, 'batch_size': p.batch_size, 'batch_index': p.batch_index, 'batch_id': p.batch_id,
            'otp': [{'secret': o.secret.hex(), 'name': o.name, 'issuer': o.issuer, 'algorithm': o.algorithm,
                     'digits': o.digits, 'type': o.type, 'counter': str(o.counter)} for o in p.otp_parameters]}
def build(f):
    p = M(version=f['version'], batch_size=f['batch_size'], batch_index=f['batch_index'], batch_id=f['batch_id'])
    for o in f['otp']:
        p.otp_parameters.add(secret=bytes.fromhex(o['secret']), name=o['name'], issuer=o['issuer'],
                             algorithm=o['algorithm'], digits=o['digits'], type=o['type'], counter=int(o['counter']))
    return base64.b64encode(p.SerializeToString()).decode()
request = json.load(sys.stdin)
if sys.argv[2] == 'decode':
    print(json.dumps([fields(M.FromString(base64.b64decode(b))) for b in request]))
else:
    print(json.dumps([build(f) for f in request]))
`;

function python(mode: 'decode' | 'encode', input: unknown): unknown {
  const result = spawnSync(DEBIAN_PYTHON, ['-c', PYTHON, dir, mode], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(result.status, 0, `python: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function needPython(t: TestContext): boolean {
  if (!needProtoc(t)) return false;
  const ok = runs(DEBIAN_PYTHON, ['-c', 'import google.protobuf']);
  if (!requireTool(t, ok, 'python3-protobuf', 'apt-get install python3-protobuf')) return false;
  protoc([`--python_out=${dir}`], '');
  return true;
}

describe('otpauth-migration against python3-protobuf', () => {
  it('Python reads every payload encodeMigration writes, batches included', (t) => {
    if (!needPython(t)) return;
    const cases = exports(21, 150);
    const uris = cases.map(([list, batchSize, batchId]) => encodeMigration(list, { batchSize, batchId }));
    const decoded = python(
      'decode',
      uris.flat().map((uri) => payloadOf(uri).toString('base64')),
    ) as Payload[];
    const expected = cases.flatMap(([list, batchSize, batchId], c) =>
      uris[c].map((_, index) =>
        expectedPayload(list.slice(index * batchSize, (index + 1) * batchSize), uris[c].length, index, batchId),
      ),
    );
    assert.deepEqual(decoded, expected);
    t.diagnostic(`python3-protobuf: ${decoded.length} payloads of ${cases.length} exports read as written`);
  });
  it('decodeMigration reads every payload Python writes, batches included', (t) => {
    if (!needPython(t)) return;
    const cases = exports(22, 150);
    const batches = cases.flatMap(([list, batchSize, batchId]) => {
      const count = Math.ceil(list.length / batchSize);
      return Array.from({ length: count }, (_, index) =>
        expectedPayload(list.slice(index * batchSize, (index + 1) * batchSize), count, index, batchId),
      );
    });
    const written = python('encode', batches) as string[];
    let at = 0;
    for (const [list, batchSize, batchId] of cases) {
      const count = Math.ceil(list.length / batchSize);
      const uris = written.slice(at, (at += count)).map((b64) => uriOf(Buffer.from(b64, 'base64')));
      assert.deepEqual(decodeMigration(uris), {
        accounts: list.map(asParsed),
        batchId,
        batchCount: count,
        missing: [],
        warnings: [],
      });
    }
    t.diagnostic(`python3-protobuf: ${written.length} payloads of ${cases.length} exports read back`);
  });
  it("Python and decodeMigration read Google Authenticator's own exports (../shared/vectors) alike", (t) => {
    if (!needPython(t)) return;
    const corpus = readVectors<{ entries: { id: string; uris: string[] }[] }>(t, 'migration-exports.json');
    if (corpus === undefined) return;
    const uris = corpus.entries.flatMap((e) => e.uris);
    const theirs = python(
      'decode',
      uris.map((uri) => payloadOf(uri).toString('base64')),
    ) as Payload[];
    uris.forEach((uri, i) => {
      const ours = decodeMigration(uri);
      assert.equal(ours.accounts.length, theirs[i].otp.length);
      assert.equal(ours.batchId, theirs[i].batch_id);
      ours.accounts.forEach((a, j) =>
        assert.equal(Buffer.from(base32Decode(a.secret)).toString('hex'), theirs[i].otp[j].secret),
      );
    });
    t.diagnostic(`${uris.length} Google Authenticator exports: the same secrets and batch ids as python3-protobuf`);
  });
});
