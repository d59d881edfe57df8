/**
 * `totp-config --help` and `--version`: the usage of every command in the table, and the package's version.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { loadCommands } from './commands.js';

const FOOTER = `
  totp-config --help | --version | <command> --help

Exit status: 0 success; 1 verify: the token is not valid; 2 a usage error, input the library refuses, or a
file that cannot be written (one line on stderr, naming the flag, never the value).
`;

/** The full usage text: every command's block, in table order. */
export async function usage(): Promise<string> {
  const blocks = (await loadCommands()).map((command) => command.usage);
  return `Usage:\n${blocks.join('\n')}${FOOTER}`;
}

/** The package's version: package.json is three folders up from dist/esm/cli/usage.js, two from src/cli/usage.ts. */
export function version(): string {
  for (const relative of ['../../../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'totp-config' && manifest.version) return manifest.version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}
