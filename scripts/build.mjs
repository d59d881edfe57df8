// Builds dist/esm (ES modules) and dist/cjs (CommonJS) with tsc, each as .js + .d.ts. dist/cjs gets its own
// package.json saying {"type": "commonjs"}, so Node and TypeScript read the .js and .d.ts files there as
// CommonJS: no renaming and no rewriting of specifiers. The exports map (scripts/entries.mjs) sends `import` to
// dist/esm and `require` to dist/cjs, each with the declarations of its own format.
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './entries.mjs';

const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
rmSync(join(ROOT, 'dist'), { recursive: true, force: true });

execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.cjs.json')], { stdio: 'inherit' });
writeFileSync(join(ROOT, 'dist', 'cjs', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

// The bin is the ES module build's CLI (tsconfig.build.cjs.json leaves the CLI out of the CommonJS build).
chmodSync(join(ROOT, 'dist', 'esm', 'cli.js'), 0o755);
