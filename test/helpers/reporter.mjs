// node:test reporter: on a terminal, Node's own `spec` reporter; elsewhere (CI, logs, pipes) a summary:
//   - one line per test file: ✔/✖, its counts and time, then the file's t.diagnostic() lines indented;
//   - every failure in full (the test's path, the error, its diff and stack) and the captured output of the
//     file that failed;
//   - the skipped tests with their reasons (a missing system tool, say);
//   - the totals, ending with the line `tests: N passed, N failed, N skipped`.
// TEST_REPORTER=spec or TEST_REPORTER=summary picks one whatever the output is.
//
// Used as `node --test --test-reporter=./test/helpers/reporter.mjs …` (see package.json).
import { relative } from 'node:path';
import { inspect } from 'node:util';
import { spec } from 'node:test/reporters';

const useSpec = process.env.TEST_REPORTER ? process.env.TEST_REPORTER === 'spec' : Boolean(process.stdout.isTTY);

const cwd = process.cwd();
const show = (file) => (file ? relative(cwd, file) || file : '(no file)');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function newFile(name) {
  return { name, passed: 0, failed: 0, skipped: 0, todo: 0, diagnostics: [], output: [], stack: [] };
}

/** The error of a failed test, as Node's spec reporter would show it, indented. */
function describeError(error) {
  if (!error) return '';
  // Node wraps the thrown value: the test's own error is the cause of an ERR_TEST_FAILURE.
  const cause = error.code === 'ERR_TEST_FAILURE' && error.cause !== undefined ? error.cause : error;
  const text = cause instanceof Error || typeof cause === 'object' ? inspect(cause, { depth: 6 }) : String(cause);
  // Node's own frames say nothing about the test; keep the ' {' that opens the error's properties.
  const lines = [];
  for (const line of text.split('\n')) {
    if (!/^\s+at .*(node:internal\/|node:async_hooks|Promise\.all \(index)/.test(line)) lines.push(line);
    else if (line.endsWith(' {') && lines.length > 0) lines[lines.length - 1] += ' {';
  }
  return lines.map((line) => `    ${line}`).join('\n');
}

async function* summary(source) {
  const files = new Map();
  const failures = [];
  const skips = [];
  const started = Date.now();
  const fileOf = (data) => {
    const name = show(data.file);
    if (!files.has(name)) files.set(name, newFile(name));
    return files.get(name);
  };

  for await (const { type, data } of source) {
    if (type === 'test:start' && data.file) {
      const file = fileOf(data);
      file.stack[data.nesting] = data.name;
      file.stack.length = data.nesting + 1;
      continue;
    }
    if (type === 'test:stdout' || type === 'test:stderr') {
      if (data.file) fileOf(data).output.push(data.message);
      continue;
    }
    if (type === 'test:diagnostic') {
      if (data.file) fileOf(data).diagnostics.push(data.message);
      continue;
    }
    const isFileItself = data?.file && data.name === data.file;
    if (type === 'test:complete' && isFileItself) {
      // A whole file is done (Node 20+ reports it as a test named after the file).
      const file = fileOf(data);
      const crashed = data.details?.error && file.failed === 0;
      if (crashed) {
        file.failed++;
        failures.push({ where: `${file.name} (the file itself)`, error: data.details.error, file });
      }
      const counts = [`${file.passed} passed`];
      if (file.failed) counts.push(`${file.failed} failed`);
      if (file.skipped) counts.push(`${file.skipped} skipped`);
      if (file.todo) counts.push(`${file.todo} todo`);
      yield `${file.failed ? '✖' : '✔'} ${file.name} (${counts.join(', ')}; ${seconds(data.details?.duration_ms ?? 0)})\n`;
      for (const line of file.diagnostics) yield `    ${line}\n`;
      continue;
    }
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    if (isFileItself) continue;
    const file = fileOf(data);
    const path = [...file.stack.slice(0, data.nesting), data.name].join(' › ');
    // A suite (describe) or a test whose failure is only that a subtest failed is not counted again.
    if (data.details?.type === 'suite') continue;
    if (type === 'test:fail') {
      if (data.details?.error?.failureType === 'subtestsFailed') continue;
      file.failed++;
      failures.push({ where: `${file.name} › ${path}`, error: data.details?.error, file });
    } else if (data.skip !== undefined && data.skip !== false) {
      file.skipped++;
      skips.push(`${file.name} › ${path}${typeof data.skip === 'string' ? ` (${data.skip})` : ''}`);
    } else if (data.todo !== undefined && data.todo !== false) {
      file.todo++;
    } else {
      file.passed++;
    }
  }

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of files.values()) {
    passed += file.passed;
    failed += file.failed;
    skipped += file.skipped;
  }
  if (skips.length > 0) {
    yield `\nskipped:\n`;
    for (const line of skips) yield `  - ${line}\n`;
  }
  if (failures.length > 0) {
    yield `\nfailures:\n`;
    const outputShown = new Set();
    for (const { where, error, file } of failures) {
      yield `\n✖ ${where}\n${describeError(error)}\n`;
      if (!outputShown.has(file) && file.output.length > 0) {
        outputShown.add(file);
        yield `  output of ${file.name}:\n${file.output.join('').trimEnd().replace(/^/gm, '    ')}\n`;
      }
    }
  }
  yield `\n${files.size} file(s) in ${seconds(Date.now() - started)}\n`;
  yield `tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}

export default useSpec ? new spec() : summary;
