// The two corpora from outside (../shared/vectors, read at test time, never copied here):
// - peer-vectors.json "parse": URI cases transcribed from the test suites of 10 peers, each with the peer's outcome,
//   a class naming the kind of disagreement and a verdict (see its "classes");
// - wild-uris.json: URIs as services publish them and apps export them, each with its source and what it means.
// Every case whose verdict is "defect" must parse to the fields its source expects; a "justified" case may be refused
// (the README's tolerant parsing table says why, per class). The counts, accepted and refused by class, are printed.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { base32Decode } from '../src/base32.js';
import { parseOtpauthUri, type ParsedOtpauthUri } from '../src/parse.js';
import { readVectors } from './helpers/vectors.js';

interface PeerCase {
  id: string;
  uri: string;
  peer: { accepts: boolean; fields?: Record<string, unknown>; error?: string };
  class: string;
  verdict: 'agree' | 'defect' | 'justified' | 'ok' | 'concern';
  fieldsVerdict?: string;
}

interface WildEntry {
  id: string;
  uri: string;
  kind: string;
  expect?: Record<string, unknown>;
  ifRejected?: { verdict: 'defect' | 'justified'; class: string; why: string };
}

type Outcome = { parsed: ParsedOtpauthUri; code?: undefined } | { parsed?: undefined; code: string };

function outcome(uri: string, strict = false): Outcome {
  try {
    return { parsed: parseOtpauthUri(uri, { strict }) };
  } catch (error) {
    return { code: (error as { code: string }).code };
  }
}

/** A field as the corpora write it: `null` for none, `secretHex` for the key bytes, `steam` for Steam Guard. */
function ours(parsed: ParsedOtpauthUri, field: string): unknown {
  if (field === 'secretHex') return Buffer.from(base32Decode(parsed.secret)).toString('hex');
  if (field === 'secretText') return parsed.secret;
  if (field === 'steam') return parsed.encoder === 'steam';
  return parsed[field as keyof ParsedOtpauthUri] ?? null;
}

/**
 * The fields that differ from what the source expects. Our accounts never hold a ':' (the Key URI Format forbids
 * it): a source account that does is the source's verbatim label (class label-verbatim, justified: Google
 * Authenticator and andOTP keep the whole label as the name), and is compared after its first ':', padding dropped.
 */
function differences(parsed: ParsedOtpauthUri, fields: Record<string, unknown> = {}): string[] {
  return Object.entries(fields).flatMap(([field, value]) => {
    const expected =
      field === 'account' && typeof value === 'string' && value.includes(':')
        ? value.slice(value.indexOf(':') + 1).replace(/^ +/, '')
        : value;
    const actual = ours(parsed, field);
    return actual === expected
      ? []
      : [`${field}: ${JSON.stringify(actual)}, the source expects ${JSON.stringify(value)}`];
  });
}

/** Counts accepted/refused per class and prints them as one table. */
class Tally {
  readonly rows = new Map<string, { accepted: number; refused: number }>();
  add(key: string, accepted: boolean): void {
    const row = this.rows.get(key) ?? { accepted: 0, refused: 0 };
    row[accepted ? 'accepted' : 'refused']++;
    this.rows.set(key, row);
  }
  print(t: TestContext, title: string): void {
    t.diagnostic(title);
    for (const [key, { accepted, refused }] of [...this.rows].sort())
      t.diagnostic(`  ${key}: ${accepted} accepted, ${refused} refused`);
  }
}

test('peer-vectors.json "parse": every defect case parses to the peer\'s fields; agreements hold', (t) => {
  const corpus = readVectors<{ parse: PeerCase[] }>(t, 'peer-vectors.json');
  if (corpus === undefined) return;
  const tally = new Tally();
  const failures: string[] = [];
  const reported: string[] = [];
  for (const c of corpus.parse) {
    const tolerant = outcome(c.uri);
    const diffs = tolerant.parsed === undefined ? [] : differences(tolerant.parsed, c.peer.fields);
    tally.add(`${c.class} (${c.verdict})`, tolerant.parsed !== undefined);
    const fail = (why: string) => failures.push(`${c.id}: ${why}`);
    if (c.verdict === 'defect') {
      if (tolerant.parsed === undefined) fail(`refused with ${tolerant.code}`);
      else if (tolerant.parsed.warnings.length === 0) fail('accepted without a warning, but it is a deviation');
      if (diffs.length > 0 && c.fieldsVerdict !== 'justified') fail(diffs.join('; '));
    } else if (c.verdict === 'agree' && c.peer.accepts) {
      if (tolerant.parsed === undefined) fail(`refused with ${tolerant.code}; the peer accepts it`);
      if (diffs.length > 0) fail(diffs.join('; '));
    } else if (c.verdict === 'agree') {
      // The peer refuses it: strict parsing must too; tolerant parsing may accept it only with a warning.
      if (outcome(c.uri, true).parsed !== undefined) fail('strict parsing accepts it; the peer refuses it');
      if (tolerant.parsed !== undefined && tolerant.parsed.warnings.length === 0) fail('accepted without a warning');
    } else if (diffs.length > 0 || tolerant.parsed === undefined) {
      reported.push(`${c.id} [${c.class}, ${c.verdict}]: ${tolerant.code ?? diffs.join('; ')}`);
    }
  }
  tally.print(t, `${corpus.parse.length} parse cases, by class (verdict):`);
  t.diagnostic(`justified/ok/concern cases refused or read differently (allowed, see the README): ${reported.length}`);
  for (const line of reported) t.diagnostic(`  ${line}`);
  assert.deepEqual(failures, []);
});

test('wild-uris.json: every URI parses to what its source says it means, or its refusal is justified', (t) => {
  const corpus = readVectors<{ entries: WildEntry[] }>(t, 'wild-uris.json');
  if (corpus === undefined) return;
  const tally = new Tally();
  const failures: string[] = [];
  for (const e of corpus.entries) {
    const tolerant = outcome(e.uri);
    tally.add(
      e.ifRejected === undefined ? '(no class)' : `${e.ifRejected.class} (${e.ifRejected.verdict} if refused)`,
      tolerant.parsed !== undefined,
    );
    if (tolerant.parsed === undefined) {
      if (e.ifRejected?.verdict !== 'justified') failures.push(`${e.id}: refused with ${tolerant.code}`);
      continue;
    }
    const diffs = differences(tolerant.parsed, e.expect);
    if (diffs.length > 0) failures.push(`${e.id}: ${diffs.join('; ')}`);
  }
  tally.print(t, `${corpus.entries.length} URIs, by the class their refusal would fall in:`);
  assert.deepEqual(failures, []);
});

test("the corpora's Steam Guard entries read as Steam Guard (encoder=steam, otpauth://steam/)", (t) => {
  const corpus = readVectors<{ parse: PeerCase[] }>(t, 'peer-vectors.json');
  if (corpus === undefined) return;
  const steam = corpus.parse.filter((c) => c.peer.fields?.steam === true);
  const read = steam.map((c) => outcome(c.uri)).filter((o) => o.parsed !== undefined);
  t.diagnostic(`${steam.length} Steam cases, ${read.length} accepted (the others have a secret that is not base32)`);
  for (const o of read)
    assert.deepEqual([o.parsed!.encoder, o.parsed!.digits, o.parsed!.algorithm], ['steam', 5, 'SHA1']);
  assert.ok(read.length >= steam.length - 1);
});
