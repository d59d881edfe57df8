/**
 * Interop with implementations nobody here wrote: oathtool (OATH Toolkit, C) and Python's pyotp.
 *
 * Every case is batched: oathtool prints a run of consecutive codes per call (`-w`), and one Python process
 * handles all pyotp cases, so the file stays fast. A missing tool skips the tests with the reason locally, and
 * fails them under CI (`CI=true`), where the tools are part of the contract.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { base32Encode } from '../src/base32.js';
import { generateHotp, generateTotp, verifyTotp } from '../src/otp.js';
import { parseOtpauthUri } from '../src/parse.js';
import { formatOtpauthUri, type OtpauthUriOptions } from '../src/uri.js';
import type { Algorithm, Digits } from '../src/params.js';

const CI = process.env.CI === 'true';
const PYTHON = '/usr/bin/python3'; // the Debian interpreter that has python3-pyotp, not a pyenv one on PATH
const ALGS: Algorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Why `command` cannot be used, or `undefined` if it can. */
function unavailable(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) return `${command} not found (${(result.error as NodeJS.ErrnoException).code})`;
  if (result.status !== 0) return `${command} ${args.join(' ')} failed: ${result.stderr.trim().split('\n').pop()}`;
  return undefined;
}

/** Test options: skipped with the reason locally, run (and failing on the reason) under CI. */
function needs(reason: string | undefined): { skip: string | false } {
  return { skip: reason !== undefined && !CI ? reason : false };
}

/** Deterministic key bytes, so a failure reproduces. */
function key(i: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let o = 0, block = 0; o < length; block++) {
    const h = createHash('sha256').update(`interop key ${i} ${length} ${block}`).digest();
    out.set(h.subarray(0, Math.min(h.length, length - o)), o);
    o += h.length;
  }
  return out;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// RFC 6238 Appendix B seeds, used by both tools too.
const SEEDS: Record<Algorithm, Uint8Array> = {
  SHA1: new TextEncoder().encode('12345678901234567890'),
  SHA256: new TextEncoder().encode('12345678901234567890123456789012'),
  SHA512: new TextEncoder().encode('1234567890123456789012345678901234567890123456789012345678901234'),
};

describe('oathtool (OATH Toolkit)', () => {
  const missing = unavailable('oathtool', ['--version']);
  let calls = 0;
  let codes = 0;
  function oathtool(args: string[]): string[] {
    if (missing) assert.fail(`oathtool is required under CI: ${missing}`);
    const result = spawnSync('oathtool', args, { encoding: 'utf8' });
    assert.equal(result.status, 0, `oathtool ${args.join(' ')}: ${result.stderr}`);
    calls++;
    const lines = result.stdout.trim().split('\n');
    codes += lines.length;
    return lines;
  }
  const WINDOW = 20; // each call prints 21 consecutive codes

  it(
    'TOTP: SHA1/SHA256/SHA512 × 6/7/8 digits × keys of 10–100 bytes × times up to the year 2603',
    needs(missing),
    () => {
      const times = [0, 59, 1111111109, 1234567890, 2000000000, 2 ** 32 + 17, 20000000000];
      const lengths = [10, 20, 32, 64, 100];
      for (const algorithm of ALGS) {
        for (const digits of [6, 7, 8] as const) {
          lengths.forEach((length, i) => {
            const k = key(i, length);
            const time = times[(i + digits + algorithm.length) % times.length];
            const expected = oathtool([
              `--totp=${algorithm}`,
              '-d',
              String(digits),
              '-N',
              `@${time}`,
              '-w',
              String(WINDOW),
              hex(k),
            ]);
            expected.forEach((code, j) => {
              const at = (time + 30 * j) * 1000;
              assert.equal(
                generateTotp(k, { time: at, algorithm, digits }),
                code,
                `${algorithm} ${digits} ${length} B at ${at}`,
              );
              assert.equal(generateTotp(base32Encode(k), { time: at, algorithm, digits }), code);
              assert.notEqual(verifyTotp(code, k, { time: at, algorithm, digits, window: 0 }), null);
            });
          });
        }
      }
    },
  );
  it('TOTP: RFC 6238 Appendix B seeds, base32 key input (-b)', needs(missing), () => {
    for (const algorithm of ALGS) {
      const expected = oathtool([
        `--totp=${algorithm}`,
        '-b',
        '-d',
        '8',
        '-N',
        '@20000000000',
        '-w',
        String(WINDOW),
        base32Encode(SEEDS[algorithm]),
      ]);
      expected.forEach((code, j) => {
        assert.equal(
          generateTotp(SEEDS[algorithm], { time: (20000000000 + 30 * j) * 1000, algorithm, digits: 8 }),
          code,
        );
      });
    }
  });
  it('TOTP: other periods and start times (T0)', needs(missing), () => {
    for (const [period, t0, now] of [
      [60, 0, 1700000000],
      [10, 1000, 123456789],
      [1, 0, 4294967290],
      [3600, 86400, 2000000000],
    ]) {
      const k = key(period, 20);
      const expected = oathtool([
        '--totp',
        '-s',
        `${period}s`,
        '-S',
        `@${t0}`,
        '-N',
        `@${now}`,
        '-w',
        String(WINDOW),
        hex(k),
      ]);
      expected.forEach((code, j) => {
        assert.equal(
          generateTotp(k, { time: (now + period * j) * 1000, period, t0 }),
          code,
          `period ${period} T0 ${t0}`,
        );
      });
    }
  });
  it('HOTP: counters from 0, around 2^32 and beyond, 6 and 8 digits', needs(missing), () => {
    for (const digits of [6, 8] as const) {
      [0, 2 ** 32 - 8, 2 ** 40 + 3, 2 ** 53 - 1 - WINDOW].forEach((counter, i) => {
        const k = key(100 + i, [20, 10, 64, 65][i]);
        const expected = oathtool([
          '--hotp',
          '-c',
          String(counter),
          '-d',
          String(digits),
          '-w',
          String(WINDOW),
          hex(k),
        ]);
        expected.forEach((code, j) =>
          assert.equal(generateHotp(k, counter + j, { digits }), code, `counter ${counter + j}`),
        );
      });
    }
  });
  it('HOTP: RFC 4226 Appendix D, as oathtool and the RFC both have it', needs(missing), () => {
    const rfc = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    const expected = oathtool(['--hotp', '-c', '0', '-w', '9', hex(SEEDS.SHA1)]);
    assert.deepEqual(expected, rfc);
    assert.deepEqual(
      rfc.map((_, c) => generateHotp(SEEDS.SHA1, c)),
      rfc,
    );
  });
  it('summary', needs(missing), (t) => {
    t.diagnostic(`oathtool: ${calls} calls, ${codes} codes compared`);
    assert.ok(codes > 1000);
  });
});

// One Python process for every pyotp case: JSON in, JSON out.
const PY_SCRIPT = String.raw`
import sys, json, hashlib, pyotp
cases = json.load(sys.stdin)
out = {'codes': [], 'parsed': [], 'built': []}
digests = {'SHA1': hashlib.sha1, 'SHA256': hashlib.sha256, 'SHA512': hashlib.sha512}
for c in cases['codes']:
    if c['type'] == 'totp':
        otp = pyotp.TOTP(c['secret'], digits=c['digits'], digest=digests[c['algorithm']], interval=c['period'])
        out['codes'].append(otp.at(c['time']))
    else:
        otp = pyotp.HOTP(c['secret'], digits=c['digits'], digest=digests[c['algorithm']])
        out['codes'].append(otp.at(c['counter']))
for uri in cases['parse']:
    otp = pyotp.parse_uri(uri)
    r = {'name': otp.name, 'issuer': otp.issuer, 'secret': otp.secret, 'digits': otp.digits,
         'algorithm': otp.digest().name.upper()}
    if isinstance(otp, pyotp.TOTP):
        r['type'] = 'totp'; r['period'] = otp.interval; r['code'] = otp.at(cases['time'])
    else:
        r['type'] = 'hotp'; r['counter'] = otp.initial_count; r['code'] = otp.at(0)
    out['parsed'].append(r)
for b in cases['build']:
    digest = digests[b['algorithm']]
    if b['type'] == 'totp':
        otp = pyotp.TOTP(b['secret'], digits=b['digits'], digest=digest, interval=b['period'])
        uri = otp.provisioning_uri(name=b['account'], issuer_name=b.get('issuer'))
        code = otp.at(cases['time'])
    else:
        otp = pyotp.HOTP(b['secret'], digits=b['digits'], digest=digest)
        uri = otp.provisioning_uri(name=b['account'], initial_count=b['counter'], issuer_name=b.get('issuer'))
        code = otp.at(b['counter'])
    out['built'].append({'uri': uri, 'code': code})
json.dump(out, sys.stdout)
`;

describe('pyotp', () => {
  const missing =
    unavailable(PYTHON, ['-c', 'import pyotp']) ?? (process.platform === 'win32' ? 'not on Windows' : undefined);
  const TIME = 1_700_000_123; // seconds
  // Labels pyotp can round-trip: parse_uri unquotes the whole URI before splitting it, so '&', '?', '#', '%',
  // '+' and ':' in a label or issuer would break pyotp itself (not us); spaces, '@', '.', '-' and non-ASCII are fine.
  const ACCOUNTS = ['alice@example.com', 'bob', 'Jörg Müller', '日本語', 'user.name-1', 'a b c', '🔑 key'];
  const ISSUERS = [undefined, 'Example Co', 'ACME', 'Société Générale', 'GitHub', '例え'];

  function run(): {
    cases: { codes: Record<string, unknown>[]; parse: string[]; build: Record<string, unknown>[]; time: number };
    options: OtpauthUriOptions[];
    out: { codes: string[]; parsed: Record<string, unknown>[]; built: { uri: string; code: string }[] };
  } {
    const codes: Record<string, unknown>[] = [];
    for (let i = 0; i < 240; i++) {
      const algorithm = ALGS[i % 3];
      const digits = (6 + (i % 3 === 0 ? 0 : (i >> 1) % 3)) as Digits;
      const k = key(1000 + i, [10, 16, 20, 32, 64, 80][i % 6]);
      if (i % 4 === 3) {
        codes.push({
          type: 'hotp',
          secret: base32Encode(k),
          algorithm,
          digits,
          counter: ((i * 7919) % 1000) + (i % 8 === 3 ? 2 ** 33 : 0),
        });
      } else {
        codes.push({
          type: 'totp',
          secret: base32Encode(k),
          algorithm,
          digits,
          period: [30, 60, 15, 1][i % 4],
          time: 1_000_000 * i + ((i * 7) % 997),
        });
      }
    }
    const options: OtpauthUriOptions[] = [];
    for (let i = 0; i < 84; i++) {
      const type = i % 5 === 4 ? 'hotp' : 'totp';
      options.push({
        type,
        secret: base32Encode(key(2000 + i, [10, 20, 32, 64][i % 4])),
        account: ACCOUNTS[i % ACCOUNTS.length],
        issuer: ISSUERS[i % ISSUERS.length],
        algorithm: ALGS[(i >> 1) % 3],
        digits: (6 + (i % 3)) as Digits,
        ...(type === 'hotp' ? { counter: i * 1000 } : { period: [30, 60, 10][i % 3] }),
      } as OtpauthUriOptions);
    }
    const build = options.map((o) => ({ ...o, period: o.period ?? 30, counter: o.counter ?? 0 }));
    const cases = { codes, parse: options.map((o) => formatOtpauthUri(o)), build, time: TIME };
    const result = spawnSync(PYTHON, ['-c', PY_SCRIPT], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' }, // pyotp 2.6 turns times into naive local datetimes
      maxBuffer: 16 * 1024 * 1024,
    });
    assert.equal(result.status, 0, result.stderr);
    return { cases, options, out: JSON.parse(result.stdout) };
  }

  // Computed once, lazily, by the first test that runs.
  let memo: ReturnType<typeof run> | undefined;
  const data = (): ReturnType<typeof run> => {
    if (missing) assert.fail(`pyotp (${PYTHON}, Debian python3-pyotp) is required under CI: ${missing}`);
    return (memo ??= run());
  };

  it('gives the same TOTP and HOTP codes for all algorithms, 6–8 digits and several periods', needs(missing), () => {
    const { cases, out } = data();
    assert.equal(out.codes.length, cases.codes.length);
    cases.codes.forEach((c, i) => {
      const o = c as {
        type: string;
        secret: string;
        algorithm: Algorithm;
        digits: Digits;
        period: number;
        time: number;
        counter: number;
      };
      const ours =
        o.type === 'totp'
          ? generateTotp(o.secret, { time: o.time * 1000, algorithm: o.algorithm, digits: o.digits, period: o.period })
          : generateHotp(o.secret, o.counter, { algorithm: o.algorithm, digits: o.digits });
      assert.equal(ours, out.codes[i], JSON.stringify({ ...o, secret: undefined }));
    });
  });
  it('pyotp.parse_uri reads our URIs: same fields and same codes', needs(missing), () => {
    const { options, out } = data();
    options.forEach((o, i) => {
      const p = out.parsed[i];
      const context = formatOtpauthUri(o);
      assert.equal(p.type, o.type, context);
      assert.equal(p.name, o.account, context);
      assert.equal(p.issuer ?? undefined, o.issuer, context);
      assert.equal(p.secret, o.secret, context);
      assert.equal(p.digits, o.digits, context);
      assert.equal(p.algorithm, o.algorithm, context);
      if (o.type === 'totp') {
        assert.equal(p.period, o.period, context);
        const digits = o.digits as Digits | undefined; // no Steam entries here
        assert.equal(
          p.code,
          generateTotp(o.secret, { time: TIME * 1000, algorithm: o.algorithm, digits, period: o.period }),
        );
      } else {
        assert.equal(p.counter, o.counter, context);
        assert.equal(
          p.code,
          generateHotp(o.secret, o.counter!, { algorithm: o.algorithm, digits: o.digits as Digits | undefined }),
        );
      }
    });
  });
  it('we read the URIs pyotp builds (provisioning_uri): same fields and same codes', needs(missing), () => {
    const { options, out } = data();
    options.forEach((o, i) => {
      const { uri, code } = out.built[i];
      const parsed = parseOtpauthUri(uri);
      assert.equal(parsed.type, o.type, uri);
      assert.equal(parsed.account, o.account, uri);
      assert.equal(parsed.issuer, o.issuer, uri);
      assert.equal(parsed.secret, o.secret, uri);
      assert.equal(parsed.algorithm, o.algorithm, uri);
      assert.equal(parsed.digits, o.digits, uri);
      if (parsed.type === 'totp') {
        assert.equal(parsed.period, o.period, uri);
        assert.equal(generateTotp(parsed.secret, { time: TIME * 1000, ...parsed }), code, uri);
      } else {
        assert.equal(parsed.counter, o.counter, uri);
        assert.equal(generateHotp(parsed.secret, parsed.counter, parsed), code, uri);
      }
    });
  });
  it('summary', needs(missing), (t) => {
    const { cases } = data();
    t.diagnostic(
      `pyotp: ${cases.codes.length} codes, ${cases.parse.length} URIs parsed by pyotp, ${cases.build.length} pyotp URIs parsed by us, 1 process`,
    );
  });
});
