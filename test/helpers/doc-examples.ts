// Finds the examples in README.md and in the JSDoc of src/, turns each into a runnable function, and says what
// each `// =>` comment promises. Used by test/doc-examples.test.ts; the convention is in README.md (Development).
//
// An example is a fenced ```ts/```js block (in README.md, or in a JSDoc comment of src/) with at least one
// marker comment:
//   expr; // => value          the value of `expr` (the marker may also stand on the line(s) after the statement)
//   // name => value           the variable `name` after the statement above
//   expr; // throws: message   `expr` throws an error with this message (or this code; or any, with no text)
// `value` is a JavaScript value (`'MZXW6'`, `{ step: 1, delta: 0 }`, `null`), or `Uint8Array [1, 2]` /
// `Uint8Array(4) [1, 2, 3, 4]` / `Uint8Array(32)` as Node prints them; a trailing remark in parentheses or
// after a comma is ignored (`// => null (already used)`, `// => undefined, even with …`), and a marker may
// continue on the comment lines below it.
// A value that starts with `e.g.` or contains `…` or a `<52 chars>`-style placeholder only shows a shape: the
// statement runs but its value is not compared.
import ts from 'typescript';
import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tsFiles } from '../../scripts/files.mjs';

export interface Block {
  /** Where the code starts, as `file:line` (1-based), for messages. */
  where: string;
  file: string;
  /** 1-based line of the block's first code line in `file`. */
  line: number;
  code: string;
}

export type Expectation =
  | { kind: 'value'; text: string; expected: unknown }
  | { kind: 'bytes-length'; text: string; length: number }
  | { kind: 'shape-only'; text: string }
  | { kind: 'throws'; text: string }
  | { kind: 'unreadable'; text: string; error: string };

export interface Marker {
  id: number;
  /** `file:line` of the marker comment. */
  where: string;
  /** The statement it describes, as written. */
  statement: string;
  expectation: Expectation;
}

export interface Prepared {
  block: Block;
  markers: Marker[];
  /** Statements left out because they use names the example does not define (`uri`, `document` …). */
  notRun: string[];
  /** Problems that make the example unrunnable as written (a marked statement using an undefined name …). */
  problems: string[];
  /** Imports the example makes: specifier → local names. */
  imports: string[];
  /** JavaScript body of an async function of (__doc, __lib). */
  body: string;
}

// ------------------------------------------------------------------------------------------------ extraction

const FENCE = /^(\s*)```\s*(ts|typescript|js|javascript|mjs)?\s*$/;

/** The fenced code blocks of Markdown (or of JSDoc text with the ` * ` prefixes removed). */
function fencedBlocks(lines: string[], file: string, firstLine: number, anyLanguage = false): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```\s*(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const language = open[1];
    let j = i + 1;
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j])) j++;
    const runnable = FENCE.test(lines[i]) && (anyLanguage || language !== '');
    if (runnable) {
      const line = firstLine + i + 1;
      blocks.push({ where: `${file}:${line}`, file, line, code: lines.slice(i + 1, j).join('\n') });
    }
    i = j;
  }
  return blocks;
}

/** Every ```ts/```js block of a Markdown file. */
export function markdownBlocks(path: string, file: string): Block[] {
  return fencedBlocks(readFileSync(path, 'utf8').split('\n'), file, 1);
}

/** Every fenced block inside the JSDoc comments of a TypeScript file (the ``` of an @example). */
export function jsdocBlocks(path: string, file: string): Block[] {
  const text = readFileSync(path, 'utf8');
  const blocks: Block[] = [];
  for (const match of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = text.slice(0, match.index).split('\n').length;
    const lines = match[0].split('\n').map((line) => line.replace(/^\s*\/?\*\*?\/?\s?/, '').replace(/\s*\*\/$/, ''));
    blocks.push(...fencedBlocks(lines, file, startLine - 1, true));
  }
  return blocks;
}

/** README.md and every src/ file's JSDoc blocks, relative names. */
export function allBlocks(root: string): Block[] {
  const blocks = markdownBlocks(join(root, 'README.md'), 'README.md');
  for (const path of tsFiles(join(root, 'src'))) {
    blocks.push(...jsdocBlocks(path, relative(root, path).split('\\').join('/')));
  }
  return blocks;
}

// ------------------------------------------------------------------------------------------------ expectations

/**
 * The value without a trailing remark: `value (remark)` or `value, remark`. Parentheses and commas inside quotes
 * or brackets do not count.
 */
function withoutRemark(text: string, kind: '(' | ','): string | null {
  let quote = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (kind === '(' && c === '(' && depth === 0 && /\s/.test(text[i - 1] ?? '') && text.trimEnd().endsWith(')')) {
      return text.slice(0, i).trim();
    } else if (kind === ',' && c === ',' && depth === 0 && text[i + 1] === ' ') {
      return text.slice(0, i).trim();
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
  }
  return null;
}

const SHAPE_ONLY = /…|<\d[^<>]*>/;

function evaluate(text: string): unknown {
  const bytes = /^Uint8Array(?:\((\d+)\))?\s*\[([\s\S]*)\]$/.exec(text);
  if (bytes) {
    const value = new Uint8Array(vm.runInThisContext(`[${bytes[2]}]`) as number[]);
    if (bytes[1] !== undefined && Number(bytes[1]) !== value.length) {
      throw new Error(`Uint8Array(${bytes[1]}) lists ${value.length} bytes`);
    }
    return value;
  }
  return vm.runInThisContext(`(${text}\n)`);
}

/** What the text after `=>` promises. */
export function readExpectation(raw: string): Expectation {
  const text = raw.trim();
  if (/^e\.g\.?(\s|$)/.test(text)) return { kind: 'shape-only', text };
  const candidates = [withoutRemark(text, '('), withoutRemark(text, ','), text].filter(
    (c): c is string => c !== null && c !== '',
  );
  let firstError = '';
  for (const value of candidates) {
    if (SHAPE_ONLY.test(value)) return { kind: 'shape-only', text };
    const length = /^Uint8Array\((\d+)\)$/.exec(value);
    if (length) return { kind: 'bytes-length', text, length: Number(length[1]) };
    try {
      return { kind: 'value', text, expected: evaluate(value) };
    } catch (error) {
      firstError ||= (error as Error).message;
    }
  }
  return { kind: 'unreadable', text, error: firstError };
}

// ------------------------------------------------------------------------------------------------ preparing

interface Comment {
  pos: number;
  end: number;
  line: number;
  text: string;
  /** Only whitespace before it on its line. */
  ownLine: boolean;
}

function comments(code: string, sourceFile: ts.SourceFile): Comment[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, code);
  const out: Comment[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind !== ts.SyntaxKind.SingleLineCommentTrivia) continue;
    const pos = scanner.getTokenStart();
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(pos);
    const lineStart = pos - character;
    out.push({
      pos,
      end: scanner.getTokenEnd(),
      line,
      text: scanner.getTokenText(),
      ownLine: !code.slice(lineStart, pos).trim(),
    });
  }
  return out;
}

const MARK_VALUE = /^\/\/\s*=>\s?(.*)$/;
const MARK_NAMED = /^\/\/\s*([A-Za-z_$][\w$]*)\s*=>\s?(.*)$/;
const MARK_THROWS = /^\/\/\s*throws\b:?\s*(.*)$/;
const CONTINUATION = /^\/\/\s{2,}(\S.*)$/;

/** Names an example can use without defining them: the library's exports and the globals. */
function isKnownGlobal(name: string, libNames: Set<string>): boolean {
  return libNames.has(name) || name in globalThis || ['undefined', 'NaN', 'Infinity', 'arguments'].includes(name);
}

/** Every name the block binds anywhere (declarations, parameters, catch variables, imports). */
function boundNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) ||
        ts.isParameter(node) ||
        ts.isBindingElement(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isImportSpecifier(node) ||
        ts.isNamespaceImport(node) ||
        ts.isImportClause(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

/** The identifiers a node reads that are neither bound in the block nor known globals. */
function freeNames(node: ts.Node, bound: Set<string>, libNames: Set<string>): string[] {
  const free = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isTypeNode(n)) return;
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isName =
        (ts.isPropertyAccessExpression(p) && p.name === n) ||
        (ts.isPropertyAssignment(p) && p.name === n) ||
        (ts.isBindingElement(p) && p.propertyName === n) ||
        (ts.isMethodDeclaration(p) && p.name === n) ||
        ts.isLabeledStatement(p) ||
        ts.isBreakOrContinueStatement(p);
      if (!isName && !bound.has(n.text) && !isKnownGlobal(n.text, libNames)) free.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return [...free];
}

/** Statements of any depth that a marker can describe. */
function markableStatements(sourceFile: ts.SourceFile): ts.Statement[] {
  const out: ts.Statement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node) || ts.isVariableStatement(node)) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

/** Reads the markers of a block and rewrites it into the body of `async (__doc, __lib) => { … }`. */
export function prepare(block: Block, libNames: Set<string>, firstId: number): Prepared {
  const { code } = block;
  const sourceFile = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lineOf = (pos: number) => sourceFile.getLineAndCharacterOfPosition(pos).line;
  const statements = markableStatements(sourceFile);
  const bound = boundNames(sourceFile);
  const markers: Marker[] = [];
  const problems: string[] = [];
  const notRun: string[] = [];
  const imports: string[] = [];
  const edits: Array<{ pos: number; end: number; text: string }> = [];
  const marked = new Set<ts.Statement>();
  const statementOf = new Map<number, ts.Statement>();
  const unavailable = new Set<string>();

  const all = comments(code, sourceFile);
  for (let i = 0; i < all.length; i++) {
    const c = all[i];
    const named = MARK_VALUE.test(c.text) ? null : MARK_NAMED.exec(c.text);
    const throws = MARK_THROWS.exec(c.text);
    const value = MARK_VALUE.exec(c.text);
    if (!value && !named && !throws) continue;
    let text = (value?.[1] ?? named?.[2] ?? throws?.[1] ?? '').trim();
    // Continuation lines: own-line comments right below, indented, that are not markers themselves.
    while (i + 1 < all.length) {
      const next = all[i + 1];
      const more = CONTINUATION.exec(next.text);
      if (!next.ownLine || next.line !== all[i].line + 1 || !more || MARK_VALUE.test(next.text)) break;
      text += ` ${more[1].trim()}`;
      i++;
    }
    const where = `${block.file}:${block.line + c.line}`;
    // The statement: the innermost one ending on the marker's line, or for a marker on its own line, the last
    // one ending above it.
    const candidates = statements.filter((s) =>
      c.ownLine ? lineOf(s.getEnd()) < c.line : lineOf(s.getEnd()) === c.line,
    );
    candidates.sort((a, b) => a.getEnd() - b.getEnd() || a.getStart() - b.getStart());
    const statement = candidates.at(-1);
    if (!statement) {
      problems.push(`${where}: no statement before this marker`);
      continue;
    }
    const id = firstId + markers.length;
    const expectation: Expectation = throws ? { kind: 'throws', text } : readExpectation(text);
    markers.push({ id, where, statement: statement.getText(sourceFile), expectation });
    marked.add(statement);
    statementOf.set(id, statement);
    const free = freeNames(statement, bound, libNames);
    if (free.length > 0) problems.push(`${where}: the example uses ${free.join(', ')}, which it does not define`);
    const method = throws ? 'throws' : 'value';
    if (named) {
      edits.push({ pos: statement.getEnd(), end: statement.getEnd(), text: `;__doc.value(${id}, () => ${named[1]});` });
    } else if (ts.isExpressionStatement(statement)) {
      const e = statement.expression;
      edits.push({
        pos: e.getStart(),
        end: e.getEnd(),
        text: `__doc.${method}(${id}, () => (${e.getText(sourceFile)}))`,
      });
    } else {
      const declarations = (statement as ts.VariableStatement).declarationList.declarations;
      const only = declarations.length === 1 ? declarations[0].name : undefined;
      if (throws || !only || !ts.isIdentifier(only)) {
        problems.push(`${where}: mark an expression, or a declaration of one variable`);
      } else {
        edits.push({
          pos: statement.getEnd(),
          end: statement.getEnd(),
          text: `;__doc.value(${id}, () => ${only.text});`,
        });
      }
    }
  }

  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const from = (statement.moduleSpecifier as ts.StringLiteral).text;
      imports.push(from);
      const parts: string[] = [];
      if (clause && !clause.isTypeOnly) {
        if (clause.name) parts.push(`const ${clause.name.text} = __doc.import(${JSON.stringify(from)}).default;`);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) {
          parts.push(`const ${bindings.name.text} = __doc.import(${JSON.stringify(from)});`);
        } else if (bindings) {
          const names = bindings.elements
            .filter((e) => !e.isTypeOnly)
            .map((e) => (e.propertyName ? `${e.propertyName.text}: ${e.name.text}` : e.name.text));
          if (names.length > 0) parts.push(`const { ${names.join(', ')} } = __doc.import(${JSON.stringify(from)});`);
        }
      }
      edits.push({ pos: statement.getStart(), end: statement.getEnd(), text: parts.join(' ') });
    } else if (!marked.has(statement) && !containsMarked(statement, marked)) {
      // An unmarked statement that uses a name the example never defines (`uri`, `element`, `document`), or one
      // that a statement left out defines, is an illustration, not something to run.
      const uses = freeNames(statement, bound, libNames).concat(readNames(statement).filter((n) => unavailable.has(n)));
      if (uses.length > 0) {
        notRun.push(`${block.file}:${block.line + lineOf(statement.getStart())}: ${statement.getText(sourceFile)}`);
        edits.push({ pos: statement.getStart(), end: statement.getEnd(), text: '' });
        for (const name of declaredNames(statement)) unavailable.add(name);
      }
    }
  }
  for (const marker of markers) {
    const statement = statementOf.get(marker.id)!;
    const missing = readNames(statement).filter((n) => unavailable.has(n));
    if (missing.length > 0)
      problems.push(`${marker.where}: the example uses ${missing.join(', ')}, defined only by code that is not run`);
  }

  let edited = code;
  for (const edit of edits.sort((a, b) => b.pos - a.pos)) {
    edited = edited.slice(0, edit.pos) + edit.text + edited.slice(edit.end);
  }
  const js = ts.transpileModule(edited, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: false },
    reportDiagnostics: true,
  });
  for (const d of js.diagnostics ?? []) {
    problems.push(`${block.where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }
  const body = js.outputText.replace(/^export \{\};?\s*$/m, '');
  return { block, markers, notRun, problems, imports, body };
}

/** The identifiers a node reads (not property names). */
function readNames(node: ts.Node): string[] {
  return freeNames(node, new Set(), new Set()).filter((name) => !(name in globalThis));
}

/** The names a top-level statement declares. */
function declaredNames(statement: ts.Statement): string[] {
  const names: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isVariableDeclaration(n) || ts.isBindingElement(n) || ts.isFunctionDeclaration(n)) && n.name) {
      if (ts.isIdentifier(n.name)) names.push(n.name.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(statement);
  return names;
}

function containsMarked(node: ts.Node, marked: Set<ts.Statement>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (marked.has(n as ts.Statement)) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

// ------------------------------------------------------------------------------------------------ running

export type Outcome = { kind: 'value'; value: unknown } | { kind: 'threw'; error: unknown };

// biome-ignore lint/complexity/useArrowFunction: the constructor of async functions
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<unknown>;

/** Runs a prepared example once; returns what each marked statement gave. */
export async function run(
  prepared: Prepared,
  lib: Record<string, unknown>,
  importModule: (specifier: string) => unknown,
): Promise<Map<number, Outcome>> {
  const outcomes = new Map<number, Outcome>();
  const doc = {
    value(id: number, thunk: () => unknown) {
      const value = thunk();
      outcomes.set(id, { kind: 'value', value });
      return value;
    },
    throws(id: number, thunk: () => unknown) {
      try {
        const value = thunk();
        outcomes.set(id, { kind: 'value', value });
        return value;
      } catch (error) {
        outcomes.set(id, { kind: 'threw', error });
        return undefined;
      }
    },
    import: importModule,
  };
  const names = Object.keys(lib).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  const fn = new AsyncFunction(
    '__doc',
    '__lib',
    `const { ${names.join(', ')} } = __lib;\nreturn (async () => {\n${prepared.body}\n})();`,
  );
  await fn(doc, lib);
  return outcomes;
}

/** A value's shape: its type, and its length or keys, recursively. Used for values that change on every run. */
export function shape(value: unknown): unknown {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return ['Uint8Array', value.length];
  if (Array.isArray(value)) return ['array', value.map(shape)];
  if (typeof value === 'string') return ['string', value.length];
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, shape((value as Record<string, unknown>)[k])]),
    );
  }
  return typeof value;
}
