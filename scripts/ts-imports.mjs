// Rewrites relative import specifiers in TypeScript sources from `./x.js` to `./x.ts` (or back with --to-js),
// mechanically: only the module specifiers of import/export declarations, import types and dynamic import()
// calls whose target file exists, nothing else in the text. With `.ts` specifiers, Deno and JSR resolve the
// sources without --sloppy-imports, and tsc still emits `.js` because tsconfig.json sets
// `rewriteRelativeImportExtensions` (TypeScript 5.7 and later).
//
// Usage: node scripts/ts-imports.mjs [--check] [--to-js] [folder …]   (default folder: src)
//   --check   change nothing; list what would change and exit 1 if anything would
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { ROOT } from './entries.mjs';
import { isMain, tsFiles } from './files.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const toJs = args.includes('--to-js');
const folders = args.filter((a) => !a.startsWith('--'));
const [from, to] = toJs ? ['.ts', '.js'] : ['.js', '.ts'];

/** The string literals that name modules in a file: [start, end) of the text inside the quotes. */
function specifierRanges(path, text) {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ranges = [];
  const add = (literal) => {
    if (literal && ts.isStringLiteralLike(literal))
      ranges.push([literal.getStart(sourceFile) + 1, literal.getEnd() - 1]);
  };
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      add(node.moduleSpecifier);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return ranges;
}

/** Rewrites one file's text; returns the new text and the changes made. */
export function rewrite(path, text) {
  const changes = [];
  let out = text;
  for (const [start, end] of specifierRanges(path, text).sort((a, b) => b[0] - a[0])) {
    const spec = text.slice(start, end);
    if (!/^\.\.?\//.test(spec) || !spec.endsWith(from)) continue;
    const target = spec.slice(0, -from.length) + to;
    // Only where the .ts file is there: a specifier of a real .js file stays as it is.
    const sourceOnDisk = resolve(dirname(path), spec.slice(0, -from.length) + '.ts');
    if (!existsSync(sourceOnDisk)) continue;
    out = out.slice(0, start) + target + out.slice(end);
    changes.push(`${spec} -> ${target}`);
  }
  return { text: out, changes };
}

if (isMain(import.meta.url)) {
  let changedFiles = 0;
  let changedSpecifiers = 0;
  for (const folder of folders.length > 0 ? folders : ['src']) {
    for (const path of tsFiles(resolve(ROOT, folder))) {
      const text = readFileSync(path, 'utf8');
      const result = rewrite(path, text);
      if (result.changes.length === 0) continue;
      changedFiles++;
      changedSpecifiers += result.changes.length;
      if (check) console.log(`${relative(ROOT, path)}: ${result.changes.join(', ')}`);
      else writeFileSync(path, result.text);
    }
  }
  const verb = check ? 'would change' : 'changed';
  console.log(`ts-imports: ${verb} ${changedSpecifiers} specifier(s) in ${changedFiles} file(s) (${from} -> ${to})`);
  if (check && changedSpecifiers > 0) process.exit(1);
}
