// API reference from the JSDoc: `npm run docs` writes docs/api/ (git-ignored). Warnings are errors, and an
// exported symbol without a doc comment is a warning, so an undocumented export fails the build (.ci/run).
// The entry points are the package's (scripts/entries.mjs).
import { ENTRIES, source } from './scripts/entries.mjs';

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'totp-config',
  entryPoints: ENTRIES.map(source),
  tsconfig: './tsconfig.build.json',
  out: './docs/api',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  disableSources: true,
  treatWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, invalidPath: true, notDocumented: true },
};
