// parseOtpauthUri: mutated real URIs, URIs assembled from random parts, and formatted options. Properties: only
// coded errors with no secret in them; a URI that parses without warnings formats again and parses back equal
// (with or without the `warnings` field that tolerant parsing adds); options that format parse back to the same
// fields.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base32Encode, formatOtpauthUri, parseOtpauthUri, type ParsedOtpauthUri } from '../../../src/index.js';
import { loadCorpus, mutate } from '../corpus.js';
import {
  assertNoLeak,
  call,
  type Counts,
  type FuzzContext,
  type FuzzTarget,
  fcParameters,
  runPhases,
  prng,
} from '../oracle.js';

type Parsed = ParsedOtpauthUri & { warnings?: Array<{ code: string; message: string }> };

/** The properties every URI must have, whatever it is. */
function checkUri(uri: string, counts: Counts): void {
  counts.cases++;
  const { value } = call('parseOtpauthUri', [uri], () => parseOtpauthUri(uri) as Parsed);
  if (value === undefined) return;
  counts.accepted++;
  for (const warning of value.warnings ?? []) assertNoLeak(warning.message, [uri], `warning ${warning.code}`);
  if ((value.warnings ?? []).length > 0) return;
  const formatted = call('formatOtpauthUri(parseOtpauthUri(uri))', [uri], () => formatOtpauthUri(value as never));
  assert.ok(
    formatted.value !== undefined,
    `parsed without warnings but cannot be formatted: ${JSON.stringify(uri)} ` +
      `(${(formatted.error as { code?: string } | undefined)?.code})`,
  );
  assert.deepEqual(parseOtpauthUri(formatted.value), value, `parse(format(parse(${JSON.stringify(uri)})))`);
  counts.roundTrips++;
}

/**
 * The mutation loop over the corpus: each URI as it is, then random edits of random URIs until the deadline.
 * Failures are collected (the first of each kind) and reported together, so that one known defect does not hide
 * the others.
 */
function mutations(context: FuzzContext, counts: Counts, limit: number): void {
  const { uris } = loadCorpus();
  const random = prng(context.seed);
  const failures = new Map<string, string>();
  const attempt = (uri: string): void => {
    try {
      checkUri(uri, counts);
    } catch (error) {
      const message = (error as Error).message.split('\n')[0];
      const kind = message.replace(/"[^"]*"|\([^)]*\)|\d+/g, '…');
      if (!failures.has(kind)) failures.set(kind, message);
    }
  };
  uris.forEach(attempt);
  for (let i = 0; i < limit && performance.now() < context.deadline; i++) {
    attempt(mutate(uris[Math.floor(random() * uris.length)], random));
  }
  if (failures.size > 0) assert.fail(`${failures.size} kind(s) of failure:\n${[...failures.values()].join('\n')}`);
}

const labelChar = fc.oneof(
  fc.constantFrom(...'aZ09 .-_@:%+&?#/='.split(''), '%3A', '%20', '%2F', '%E2%80%AE', '%F0%9F%91%8D', '%ZZ'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const label = fc.string({ unit: labelChar, maxLength: 12 });
const base32Text = fc.uint8Array({ minLength: 0, maxLength: 40 }).map((bytes) => base32Encode(bytes));
const value = fc.oneof(base32Text, label, fc.integer().map(String), fc.constantFrom('SHA1', 'sha256', 'SHA512', 'MD5'));
const parameter = fc.tuple(
  fc.constantFrom('secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'image', 'encoder', 'Secret', ''),
  value,
);
/** URIs assembled from random parts: mostly the right shape, with random labels and parameters. */
const assembled = fc
  .tuple(
    fc.constantFrom('otpauth://', 'OTPAUTH://', 'otpauth:/', 'otpauth://', ''),
    fc.constantFrom('totp', 'hotp', 'TOTP', 'xotp', ''),
    fc.option(label, { nil: undefined }),
    label,
    fc.array(parameter, { maxLength: 6 }),
  )
  .map(([scheme, type, issuer, account, parameters]) => {
    const query = parameters.map(([k, v]) => `${k}=${v}`).join('&');
    return `${scheme}${type}/${issuer === undefined ? '' : `${issuer}:`}${account}?${query}`;
  });

const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 16 });
/** Options for formatOtpauthUri, most of them valid. */
const options = fc.record({
  type: fc.constantFrom('totp' as const, 'hotp' as const),
  secret: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => base32Encode(bytes)),
  account: text,
  issuer: fc.option(text, { nil: undefined }),
  algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
  digits: fc.constantFrom(6 as const, 7 as const, 8 as const),
  period: fc.integer({ min: 1, max: 3600 }),
  counter: fc.nat(),
});

/** format → parse gives the same fields back, defaults filled in, and no warnings. */
type Options = typeof options extends fc.Arbitrary<infer T> ? T : never;

function checkFormatted(o: Options, counts: Counts): void {
  counts.cases++;
  const input = o.type === 'hotp' ? { ...o, period: undefined } : { ...o, counter: undefined };
  const uri = call('formatOtpauthUri', [o.secret], () => formatOtpauthUri(input as never)).value;
  if (uri === undefined) return;
  const parsed = call('parseOtpauthUri(formatOtpauthUri(o))', [uri], () => parseOtpauthUri(uri) as Parsed).value;
  assert.ok(parsed !== undefined, `formatted but refused by parse: ${JSON.stringify(uri)}`);
  assert.deepEqual(parsed.warnings ?? [], [], `formatted URI parses with warnings: ${JSON.stringify(uri)}`);
  const { type, account, issuer, secret, algorithm, digits, period, counter } = parsed;
  assert.deepEqual({ type, account, issuer, secret, algorithm, digits, period, counter }, input);
  counts.roundTrips++;
}

export const target: FuzzTarget = {
  name: 'parseOtpauthUri',
  run(context) {
    const counts = Object.assign(context.counts, { accepted: 0, roundTrips: 0 });
    return runPhases(context, [
      (c) => mutations(c, counts, 1_000_000),
      (c) =>
        fc.assert(
          fc.property(assembled, (uri) => checkUri(uri, counts)),
          fcParameters(c, 200_000),
        ),
      (c) =>
        fc.assert(
          fc.property(options, (o) => checkFormatted(o, counts)),
          fcParameters(c, 200_000),
        ),
    ]);
  },
};
