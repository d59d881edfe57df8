// Finding the external programs that tests use as independent second opinions (python3 with pyotp, oathtool,
// zbarimg …). Locally a missing tool skips the test with the reason printed; under CI (CI=true) it fails,
// because .ci/run installs every one of them.
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

export const UNDER_CI = process.env.CI === 'true';

/** True when `command args` runs and exits 0. */
export function runs(command: string, args: readonly string[] = ['--version']): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

/**
 * Returns true when the tool is there. Otherwise: under CI throws (the test fails); locally marks the test
 * skipped with the reason and returns false.
 */
export function requireTool(t: TestContext, available: boolean, what: string, install: string): boolean {
  if (available) return true;
  const reason = `${what} is not installed (${install})`;
  if (UNDER_CI) throw new Error(`CI=true but ${reason}; .ci/run should have installed it`);
  console.log(`# skipped: ${reason}`);
  t.skip(reason);
  return false;
}

/** Debian's python3, which has python3-pyotp; the python3 first on PATH may be another one. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** Runs a Python program with a JSON value on stdin and returns its JSON output. */
export function python(program: string, input: unknown, interpreter = DEBIAN_PYTHON): unknown {
  const result = spawnSync(interpreter, ['-c', program], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`python failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}
