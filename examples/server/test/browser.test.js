// The whole flow in a real browser (Debian's Chromium driven by playwright-core), on PGlite: sign up, sign in,
// enable 2FA by reading the QR code off a screenshot of the page with zbarimg (the way a phone's camera would),
// confirm with a code computed by the library, save the recovery codes, sign out, sign in with a code, sign in
// with a recovery code, and see a used recovery code refused. Every request to anything but the server is
// blocked and fails the test; so does any console error (a CSP violation shows up as one).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { browserTools, CHROMIUM } from './helpers/environment.js';
import { freshCode, newUsername, wrongCode } from './helpers/flow.js';
import { assertNoSecretsInLogs, startServer, tempDataDir } from './helpers/server.js';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-artifacts');
// No background traffic: this machine's network is closed, and a test must not depend on one anyway.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const skip = browserTools();

let server;
let data;

before(async () => {
  if (skip) return;
  data = tempDataDir();
  server = await startServer({ dataDir: data.dir });
});

after(async () => {
  await server?.stop();
  data?.remove();
});

/** Reads the QR code in a PNG with zbarimg: the otpauth URI it holds. */
function readQr(png) {
  return execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

test('the page: sign up, enroll from the QR code, recovery codes, sign in with a code and with a recovery code', {
  skip,
  timeout: 300_000,
}, async () => {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'totp-server-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS, // playwright adds --user-data-dir=<profile>: a fresh one
    serviceWorkers: 'block',
    viewport: { width: 800, height: 1100 },
  });
  const problems = [];
  const blocked = [];
  try {
    const serverHost = new URL(server.origin).host;
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.host === serverHost || url.protocol === 'data:') return route.continue();
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A failed request (401 for /api/me when signed out, say) is logged by Chromium; anything else is a problem.
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text()))
        problems.push(`console: ${message.text()}`);
    });

    const username = newUsername('browser');
    const password = 'correct horse battery staple';
    const visible = (selector) => page.locator(selector).waitFor({ state: 'visible', timeout: 30_000 });

    // Sign up, then sign in: 2FA is off.
    await page.goto(server.origin);
    await visible('#signed-out');
    await page.locator('#signup-username').fill(username);
    await page.locator('#signup-password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`Account ${username} created`).waitFor();
    assert.equal(await page.locator('#login-username').inputValue(), username);
    await page.locator('#login-password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await visible('#signed-in');
    assert.equal(await page.locator('#me-username').textContent(), username);
    assert.equal(await page.locator('#me-mfa').textContent(), 'off');

    const [cookie] = await context.cookies();
    assert.equal(cookie.name, 'session');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie), '', 'the page cannot read the session cookie');

    // Enable 2FA: the QR code, read off a screenshot as a phone would, and the secret in groups of four.
    await page.getByRole('button', { name: 'Enable two-factor' }).click();
    await visible('#enrollment');
    await page.waitForFunction(() => document.getElementById('qr').naturalWidth > 0);
    const shown = (await page.locator('#secret').textContent()).trim();
    assert.match(shown, /^(?:[A-Z2-7]{4} )*[A-Z2-7]{1,4}$/, 'the secret in groups of four');
    mkdirSync(ARTIFACTS, { recursive: true });
    const screenshot = join(ARTIFACTS, 'enroll.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    const uri = new URL(readQr(screenshot));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(decodeURIComponent(uri.pathname), `/totp-config example:${username}`);
    const secret = uri.searchParams.get('secret');
    assert.equal(secret, shown.replaceAll(' ', ''), 'the QR code and the text carry the same secret');

    // A reload does not change the secret that was scanned.
    await page.reload();
    await visible('#signed-in');
    await page.getByRole('button', { name: 'Enable two-factor' }).click();
    await visible('#enrollment');
    assert.equal((await page.locator('#secret').textContent()).trim(), shown);

    // Confirm: a wrong code is refused, the app's code turns 2FA on and shows 10 recovery codes.
    await page.locator('#confirm-token').fill(wrongCode(secret));
    await page.getByRole('button', { name: 'Confirm and enable' }).click();
    await page.getByText('the code is wrong').waitFor();
    assert.equal(await page.locator('#me-mfa').textContent(), 'off');
    const confirmation = freshCode(secret, -1);
    await page.locator('#confirm-token').fill(confirmation.token);
    await page.getByRole('button', { name: 'Confirm and enable' }).click();
    await visible('#recovery');
    const recoveryCodes = await page.locator('#recovery-codes li').allTextContents();
    assert.equal(recoveryCodes.length, 10);
    assert.equal(await page.locator('#me-mfa').textContent(), 'on');
    await page.screenshot({ path: join(ARTIFACTS, 'recovery-codes.png'), fullPage: true });
    await page.getByRole('button', { name: 'I have saved them' }).click();
    assert.equal(await page.locator('#recovery-codes li').count(), 0, 'the codes are gone from the page');

    const signIn = async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await visible('#signed-out');
      await page.locator('#login-username').fill(username);
      await page.locator('#login-password').fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await visible('#second-factor');
    };

    // Sign in with a code from the app (not the one that confirmed: that one is used).
    await signIn();
    await page.locator('#totp-token').fill(freshCode(secret, confirmation.step).token);
    await page.getByRole('button', { name: 'Verify code' }).click();
    await visible('#signed-in');
    assert.equal(await page.locator('#me-mfa').textContent(), 'on');

    // Sign in with a recovery code, typed in lower case with spaces.
    await signIn();
    await page.locator('#recovery-code').fill(recoveryCodes[0].toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: 'Use recovery code' }).click();
    await visible('#signed-in');
    await page.getByText('9 left').waitFor();

    // The same recovery code again: refused.
    await signIn();
    await page.locator('#recovery-code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Use recovery code' }).click();
    await page.getByText('the code is wrong').waitFor();
    assert.equal(await page.locator('#second-factor').isVisible(), true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await visible('#signed-out');

    assert.deepEqual(problems, []);
    assert.deepEqual(blocked, [], 'no request left the machine');
    assertNoSecretsInLogs(server.output(), [password, secret, ...recoveryCodes, cookie.value]);
  } finally {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
});
