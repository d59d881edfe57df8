// Issue 10 item 16: a reader that closes the pipe early (`| head -c 0`) ends the command quietly: no stack
// trace, and the exit status the command would have had anyway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cliShellCommand } from './cli/run.js';

const URI = 'otpauth://totp/ACME:bob?secret=JBSWY3DPEHPK3PXP&issuer=ACME';

/**
 * Runs `cli args <redirections> | head -c 0` in bash and returns the CLI's own exit status and its stderr
 * (written to a file: the pipe's reader is gone by the time the CLI writes).
 */
function throughClosedPipe(args: string[], redirect = ''): { status: number; stderr: string } {
  const command = cliShellCommand(args);
  // head exits at once, so the writes of the CLI meet a closed pipe (the CLI takes far longer to start).
  const script =
    `err=$(mktemp); ${command} ${redirect} 2>>"$err" | head -c 0; status=\${PIPESTATUS[0]}; ` +
    `cat "$err" >&2; rm -f "$err"; exit $status`;
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status ?? -1, stderr: result.stderr };
}

test('item 16: parse | head -c 0 ends quietly with status 0', () => {
  const { status, stderr } = throughClosedPipe(['parse', URI]);
  assert.equal(stderr, '');
  assert.equal(status, 0);
});

test('item 16: a create with its QR code on stdout, and verify, end quietly too', () => {
  const create = throughClosedPipe(['--user', 'bob', '--issuer', 'ACME', '--qr', '--format', 'text']);
  assert.deepEqual(create, { status: 0, stderr: '' });
  // verify keeps its own answer (1: not valid) when nobody reads it.
  const verify = throughClosedPipe(['verify', 'JBSWY3DPEHPK3PXP', 'abcdef']);
  assert.deepEqual(verify, { status: 1, stderr: '' });
});

test('item 16: a closed stderr does not turn into a stack trace on stdout', () => {
  // The QR code goes to stderr, which is the closed pipe here; stdout is kept to check it holds only the JSON.
  const command = cliShellCommand(['--user', 'bob', '--issuer', 'ACME', '--qr']);
  const result = spawnSync('bash', ['-c', `${command} 2>&1 >/dev/null | head -c 0; exit \${PIPESTATUS[0]}`], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
});
