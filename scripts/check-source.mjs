// Mechanical checks on src/ that neither the formatter nor the linter makes (part of `npm run lint`):
//   1. no line is longer than 120 characters;
//   2. no function is longer than 60 lines;
//   3. no Math.random (secrets come from the CSPRNG only).
// A file whose header comment (before the first statement) says `@generated` or `deliberately unrolled` is exempt
// from 1 and 2; a function whose own leading comment says so is exempt from 2.
//
// scripts/source-allowlist.json lists today's known offenders, so that the check can run before the code is
// brought into line: a listed offender is reported but does not fail. A new offender fails, and so does a listed
// one that no longer offends (delete it from the list). When the list is empty, the check is fully enforcing.
//
// Usage: node scripts/check-source.mjs [--json]   (exit 1 on failure)
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from './entries.mjs';
import { isMain, tsFiles } from './files.mjs';

export const MAX_LINE = 120;
export const MAX_FUNCTION_LINES = 60;
const EXEMPT = /@generated|deliberately unrolled/i;
const ALLOWLIST = join(ROOT, 'scripts', 'source-allowlist.json');

/** The comment text before `pos` (JSDoc and line comments directly above a node). */
function leadingComments(text, pos) {
  return (ts.getLeadingCommentRanges(text, pos) ?? []).map((r) => text.slice(r.pos, r.end)).join('\n');
}

/** A readable name for a function-like node: `name`, `Class.method`, `name` of `const name = () => …`. */
function functionName(node, sourceFile) {
  const own = node.name && ts.isIdentifier(node.name) ? node.name.text : undefined;
  const parent = node.parent;
  if (ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isAccessor(node)) {
    const owner = parent && ts.isClassLike(parent) && parent.name ? `${parent.name.text}.` : '';
    return owner + (own ?? (ts.isConstructorDeclaration(node) ? 'constructor' : '<method>'));
  }
  if (own) return own;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  return `<anonymous at line ${line + 1}>`;
}

/** Scans one file: its long lines, long functions and Math.random uses. */
export function scanFile(path) {
  const text = readFileSync(path, 'utf8');
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const first = sourceFile.statements[0];
  const header = first ? leadingComments(text, first.pos) : text;
  const fileExempt = EXEMPT.test(header);
  const longLines = [];
  text.split('\n').forEach((line, i) => {
    const length = [...line].length; // characters, not UTF-16 units: '█' and 'é' count once
    if (length > MAX_LINE) longLines.push({ line: i + 1, length });
  });
  const longFunctions = [];
  const randoms = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body)) {
      const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;
      const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      // The comment above the function, or above the statement that declares it (`export const f = () => …`).
      const holder = ts.isVariableDeclaration(node.parent) ? node.parent.parent.parent : node;
      const exempt = EXEMPT.test(leadingComments(text, holder.pos));
      if (lines > MAX_FUNCTION_LINES && !exempt) {
        longFunctions.push({ name: functionName(node, sourceFile), line: start + 1, lines });
      }
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'Math' &&
      node.name.text === 'random'
    ) {
      randoms.push({ line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return {
    fileExempt,
    longLines: fileExempt ? [] : longLines,
    longFunctions: fileExempt ? [] : longFunctions,
    randoms,
  };
}

/** Checks every file under src/ against the allow-list; returns what to print and whether it passed. */
export function checkSource({ root = ROOT, allowlist = JSON.parse(readFileSync(ALLOWLIST, 'utf8')) } = {}) {
  const allowedLines = new Set(allowlist['long-lines'] ?? []);
  const allowedFunctions = new Set(allowlist['long-functions'] ?? []);
  const failures = [];
  const known = [];
  const exempt = [];
  const seenLines = new Set();
  const seenFunctions = new Set();
  for (const path of tsFiles(join(root, 'src'))) {
    const file = relative(root, path).split('\\').join('/');
    const result = scanFile(path);
    if (result.fileExempt) exempt.push(file);
    if (result.longLines.length > 0) {
      seenLines.add(file);
      const where = result.longLines.map((l) => `${l.line} (${l.length})`).join(', ');
      const line = `${file}: ${result.longLines.length} line(s) over ${MAX_LINE} characters: ${where}`;
      (allowedLines.has(file) ? known : failures).push(line);
    }
    for (const f of result.longFunctions) {
      const id = `${file}#${f.name}`;
      seenFunctions.add(id);
      const line = `${file}:${f.line}: function ${f.name} is ${f.lines} lines (at most ${MAX_FUNCTION_LINES})`;
      (allowedFunctions.has(id) ? known : failures).push(line);
    }
    for (const r of result.randoms) failures.push(`${file}:${r.line}: Math.random (secrets come from the CSPRNG only)`);
  }
  for (const file of allowedLines) {
    if (!seenLines.has(file)) failures.push(`scripts/source-allowlist.json: ${file} has no long line now: delete it`);
  }
  for (const id of allowedFunctions) {
    if (!seenFunctions.has(id)) failures.push(`scripts/source-allowlist.json: ${id} is not too long now: delete it`);
  }
  return { ok: failures.length === 0, failures, known, exempt };
}

if (isMain(import.meta.url)) {
  const result = checkSource();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const line of result.known) console.log(`known (allow-listed): ${line}`);
    for (const line of result.failures) console.error(`check-source: ${line}`);
    const summary =
      `check-source: ${result.failures.length} problem(s), ${result.known.length} allow-listed, ` +
      `${result.exempt.length} exempt file(s)${result.exempt.length ? ` (${result.exempt.join(', ')})` : ''}`;
    (result.ok ? console.log : console.error)(summary);
  }
  process.exit(result.ok ? 0 : 1);
}
