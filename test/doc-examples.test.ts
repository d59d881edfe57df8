// Runs every example in README.md and in the JSDoc of src/ that shows an output (`// => …`), and compares the
// output (the convention: test/helpers/doc-examples.ts, README.md Development). Each example runs twice against
// the TypeScript sources: an output that differs between the runs (a fresh secret) is compared by shape only.
// Prints how many examples ran and how many outputs were compared, compared by shape, or only shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  allBlocks,
  prepare,
  readExpectation,
  run,
  shape,
  type Outcome,
  type Prepared,
} from './helpers/doc-examples.js';
import { ENTRIES, ROOT, source, specifier } from '../scripts/entries.mjs';

const require = createRequire(import.meta.url);
const load = (file: string) => import(pathToFileURL(join(ROOT, file)).href) as Promise<Record<string, unknown>>;

// What `import … from 'totp-config'` (and every other entry) means in an example: the TypeScript sources.
const entryModules = new Map<string, Record<string, unknown>>();
for (const name of ENTRIES) entryModules.set(specifier(name), await load(source(name)));
const publicNames: Record<string, unknown> = Object.assign({}, ...entryModules.values());

function importModule(spec: string): unknown {
  const entry = entryModules.get(spec);
  if (entry) return entry;
  if (spec.startsWith('node:')) return require(spec);
  throw new Error(`an example imports ${spec}: only the package's entries and node: modules can be imported`);
}

const counts = { blocks: 0, compared: 0, byShape: 0, shapeOnly: 0, notRun: 0 };
const blocks = allBlocks(ROOT);

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `Uint8Array(${value.length}) [${[...value].join(', ')}]`;
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
}

for (const block of blocks) {
  // The library a block sees: every entry's exports, plus for JSDoc its own module's (internal helpers).
  const lib = block.file.startsWith('src/') ? { ...publicNames, ...(await load(block.file)) } : publicNames;
  const prepared: Prepared = prepare(block, new Set(Object.keys(lib)), 0);
  if (prepared.markers.length === 0) continue;

  test(`${block.where}: the example's outputs are what it shows`, async () => {
    assert.deepEqual(prepared.problems, [], 'the example cannot run as written');
    const first = await run(prepared, lib, importModule);
    const second = await run(prepared, lib, importModule);
    counts.blocks++;
    counts.notRun += prepared.notRun.length;
    for (const marker of prepared.markers) {
      const { expectation: e, where, statement } = marker;
      const got: Outcome | undefined = first.get(marker.id);
      const label = `${where}: ${statement} // ${e.kind === 'throws' ? 'throws' : '=>'} ${e.text}`;
      assert.ok(got, `${label}\nthe statement never ran`);
      if (e.kind === 'throws') {
        assert.equal(got.kind, 'threw', `${label}\nit did not throw`);
        const error = (got as { error: { message?: string; code?: string; name?: string } }).error;
        if (e.text) {
          const matches = [error.message, error.code, `${error.name}: ${error.message}`].includes(e.text);
          assert.ok(matches, `${label}\nit threw ${error.name} ${error.code ?? ''}: ${error.message}`);
        }
        counts.compared++;
        continue;
      }
      if (got.kind === 'threw') {
        throw new Error(`${label}\nit threw: ${(got.error as Error)?.stack ?? String(got.error)}`);
      }
      const actual = got.value;
      if (e.kind === 'shape-only') {
        counts.shapeOnly++;
      } else if (e.kind === 'unreadable') {
        assert.fail(
          `${label}\ncannot read the value after '=>' (${e.error}): write a JavaScript value, or start it with 'e.g.'`,
        );
      } else if (e.kind === 'bytes-length') {
        assert.ok(actual instanceof Uint8Array && actual.length === e.length, `${label}\ngot ${describe(actual)}`);
        counts.compared++;
      } else if (isDeepStrictEqual(actual, e.expected)) {
        counts.compared++;
      } else {
        const again = second.get(marker.id);
        const changes = again?.kind === 'value' && !isDeepStrictEqual(again.value, actual);
        if (!changes) assert.deepStrictEqual(actual, e.expected, `${label}\ngot ${describe(actual)}`);
        // A fresh random value each run: the example shows one; compare its type, length and keys.
        assert.deepStrictEqual(shape(actual), shape(e.expected), `${label}\ngot ${describe(actual)} (varies per run)`);
        counts.byShape++;
      }
    }
  });
}

test('the convention: what a marker promises, read from the comment', () => {
  const block = {
    where: 'x.md:1',
    file: 'x.md',
    line: 1,
    code: [
      "const bytes = new TextEncoder().encode('foo');",
      'bytes.length; // => 3',
      "base32Encode(bytes); // => 'MZXW6' (RFC 4648)",
      'base32Encode(bytes, { padding: true });',
      "// => 'MZXW6'",
      "//    + '==='",
      "generateSecret(); // => e.g. 'JBSWY3DP…'",
      "base32Decode('!'); // throws: ERR_INVALID_BASE32",
      'bytes; // => Uint8Array(3) [102, 111, 111]',
      'element.innerHTML = base32Encode(bytes);',
    ].join('\n'),
  };
  const prepared = prepare(block, new Set(Object.keys(publicNames)), 0);
  assert.deepEqual(prepared.problems, []);
  assert.deepEqual(
    prepared.markers.map((m) => [m.where, m.expectation.kind]),
    [
      ['x.md:2', 'value'],
      ['x.md:3', 'value'],
      ['x.md:5', 'value'],
      ['x.md:7', 'shape-only'],
      ['x.md:8', 'throws'],
      ['x.md:9', 'value'],
    ],
  );
  assert.equal((prepared.markers[2].expectation as { expected: unknown }).expected, 'MZXW6===');
  assert.deepEqual(prepared.notRun, ['x.md:10: element.innerHTML = base32Encode(bytes);']);
  assert.equal(readExpectation('Uint8Array(32)').kind, 'bytes-length');
  assert.equal(readExpectation('32 base32 chars').kind, 'unreadable');
  assert.deepEqual(readExpectation("'a, b', a remark").kind === 'value' && readExpectation("'a, b', a remark"), {
    kind: 'value',
    text: "'a, b', a remark",
    expected: 'a, b',
  });
  assert.equal(readExpectation("{ otpauth_str: '<52 chars>' }").kind, 'shape-only');
});

test('the convention: a wrong output, an undefined name and an unreached marker are reported', async () => {
  const one = (code: string) => prepare({ where: 'y.md:1', file: 'y.md', line: 1, code }, new Set(['generateTotp']), 0);
  const wrong = one("generateTotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', { time: 59_000 }); // => '000000'");
  const outcome = (await run(wrong, publicNames, importModule)).get(0);
  assert.deepEqual(outcome, { kind: 'value', value: '287082' });
  assert.deepEqual(one("generateTotp(secret); // => e.g. '123456'").problems, [
    'y.md:1: the example uses secret, which it does not define',
  ]);
  const illustration = one(
    "const m = generateTotp(token);\nif (m) save(m);\ngenerateTotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', { time: 0 }); // => '755224'",
  );
  assert.deepEqual(illustration.problems, []);
  assert.deepEqual(illustration.notRun, ['y.md:1: const m = generateTotp(token);', 'y.md:2: if (m) save(m);']);
  const unreached = one("if (false) generateTotp('A'); // => '1'");
  assert.equal((await run(unreached, publicNames, importModule)).size, 0);
});

test('summary: examples run and outputs compared', (t) => {
  const sources = new Set(blocks.map((b) => b.file)).size;
  t.diagnostic(
    `doc examples: ${counts.blocks} run (from ${sources} files), ${counts.compared} outputs compared, ` +
      `${counts.byShape} compared by shape (a fresh value each run), ${counts.shapeOnly} shape-only ` +
      `(e.g./…, not compared), ${counts.notRun} illustration statements not run`,
  );
  assert.ok(counts.blocks > 0, 'no example ran');
});
