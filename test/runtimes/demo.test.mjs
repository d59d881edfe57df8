// End-to-end test of the enrollment demo (examples/browser/) in headless Chromium, against the packed package:
// fill in user and issuer, press "Enable two-factor", read the secret off the page, compute the current code in
// Node with the packed generateTotp, type it and expect "Verified"; wrong codes are refused with the reason.
// Every request to anything but 127.0.0.1 is blocked and fails the test, and once the page has loaded the browser
// is put offline: enrolling and verifying need no network. Saves build-artifacts/demo-qr.png.
//
// Run by run.mjs (which passes the packed install in $TOTP_CONFIG_CONSUMER_DIR), or alone:
//   node --test test/runtimes/demo.test.mjs   (builds and packs first)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { findChromium, withChromium } from './chromium.mjs';
import { packAndInstall, ROOT } from './pack.mjs';
import { startStaticServer } from './server.mjs';

const SCREENSHOT = join(ROOT, 'build-artifacts', 'demo-qr.png');
const chromium = findChromium();
const skip = chromium ? false : 'no Chromium (/usr/bin/chromium or $CHROMIUM_PATH)';
if (skip && process.env.CI === 'true') throw new Error(`${skip}: required under CI`);

let consumer;
let pkgDir;
let lib;
let qr;
let server;

before(async () => {
  if (skip) return;
  if (process.env.TOTP_CONFIG_CONSUMER_DIR) {
    pkgDir = join(process.env.TOTP_CONFIG_CONSUMER_DIR, 'node_modules', 'totp-config');
  } else {
    consumer = packAndInstall();
    pkgDir = consumer.pkgDir;
  }
  lib = await import(pathToFileURL(join(pkgDir, 'dist', 'esm', 'index.js')).href);
  qr = await import(pathToFileURL(join(pkgDir, 'dist', 'esm', 'qr.js')).href);
  // The page imports ../../dist/esm/*.js: serve the packed package's dist/esm there, as from the repo root.
  server = await startStaticServer({
    '/examples/browser/': join(ROOT, 'examples', 'browser'),
    '/dist/esm/': join(pkgDir, 'dist', 'esm'),
  });
});

after(async () => {
  await server?.close();
  consumer?.cleanup();
});

/** A 6-digit code that is none of the codes valid from two steps ago to two steps ahead. */
function wrongCode(secret) {
  const now = Date.now();
  const valid = new Set([-2, -1, 0, 1, 2].map((k) => lib.generateTotp(secret, { time: now + k * 30_000 })));
  for (let n = 0; ; n++) {
    const candidate = String((Number(lib.generateTotp(secret, { time: now })) + 500_000 + n) % 1_000_000).padStart(
      6,
      '0',
    );
    if (!valid.has(candidate)) return candidate;
  }
}

/** zbarimg (Debian's zbar-tools), when installed, to read the QR code off the screen; else null. */
function zbarimg() {
  try {
    execFileSync('zbarimg', ['--version'], { stdio: 'ignore' });
    return 'zbarimg';
  } catch {
    return null;
  }
}

test('enrollment demo: QR, grouped secret, wrong codes refused with a reason, right code Verified, no network', {
  skip,
  timeout: 90_000,
}, async (t) => {
  await withChromium(async ({ page, context, blocked }) => {
    const problems = [];
    const requests = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('request', (request) => requests.push(request.url()));

    await page.goto(`${server.origin}/examples/browser/`, { waitUntil: 'load' });
    // app.js enables the button once it and the library have loaded.
    try {
      await page.waitForFunction(() => document.getElementById('enable')?.disabled === false, null, {
        timeout: 15_000,
      });
    } catch {
      assert.fail(`the demo's modules did not load:\n  ${problems.join('\n  ') || '(no error reported)'}`);
    }
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);

    // An issuer holding ':' is refused with the library's message.
    await page.getByLabel('User').fill('alice@example.com');
    await page.getByLabel('Issuer').fill('Example:Co');
    await page.getByRole('button', { name: 'Enable two-factor' }).click();
    await page.locator('#enroll-error').waitFor({ state: 'visible' });
    assert.match(await page.locator('#enroll-error').textContent(), /issuer.*':'/);
    assert.equal(await page.locator('#setup').isVisible(), false, 'no setup step after a refused issuer');

    await page.getByLabel('Issuer').fill('Example Co');
    await page.getByRole('button', { name: 'Enable two-factor' }).click();
    await page.locator('#setup').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#enroll-error').isVisible(), false);

    // The secret, as shown: unpadded base32 in groups of four.
    const shown = (await page.locator('#secret').textContent()).trim();
    assert.match(shown, /^(?:[A-Z2-7]{4} )*[A-Z2-7]{1,4}$/, `secret shown in groups of four: ${shown.length} chars`);
    const secret = shown.replaceAll(' ', '');
    assert.equal(lib.base32Decode(secret).length, 20, 'a 160-bit secret');

    // The link carries the otpauth URI of this very secret, and the QR code on the page draws that URI.
    const href = await page.locator('#otpauth-link').getAttribute('href');
    const uri = new URL(href);
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname.slice(1)), 'Example Co:alice@example.com');
    assert.equal(uri.searchParams.get('secret'), secret);
    assert.equal(uri.searchParams.get('issuer'), 'Example Co');
    const svg = page.locator('#qr svg');
    assert.equal(await svg.count(), 1, 'one <svg> in the QR figure');
    const expected = qr.qrMatrix(href);
    assert.equal(await svg.getAttribute('viewBox'), `0 0 ${expected.size + 8} ${expected.size + 8}`);
    const drawn = await page.locator('#qr svg path[stroke]').getAttribute('d');
    const reference = /<path stroke="[^"]*" d="([^"]+)"/.exec(qr.qrSvg(href, { margin: 4 }))?.[1];
    assert.ok(reference, 'qrSvg draws the modules as a stroked <path>');
    assert.equal(drawn, reference, 'the page shows the QR code of the otpauth URI it links to');
    const box = await svg.boundingBox();
    assert.ok(
      box && box.width >= 150 && Math.abs(box.width - box.height) < 1,
      `QR is a visible square (${box?.width}x${box?.height})`,
    );

    mkdirSync(join(ROOT, 'build-artifacts'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    t.diagnostic(`screenshot: ${SCREENSHOT}`);

    // What the screen shows scans as the URI: an independent decoder reads the rendered pixels.
    const zbar = zbarimg();
    if (zbar) {
      const dir = mkdtempSync(join(tmpdir(), 'totp-config-demo-'));
      try {
        const png = join(dir, 'qr.png');
        writeFileSync(png, await page.locator('#qr').screenshot());
        const decoded = execFileSync(zbar, ['--quiet', '--raw', png], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        assert.equal(decoded.replace(/\n$/, ''), href, 'zbarimg reads the on-screen QR code as the otpauth URI');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      t.diagnostic('zbarimg not installed (Debian zbar-tools): the on-screen QR code was not decoded');
    }

    const code = page.getByLabel('Then type the 6-digit code the app shows');
    const verify = page.getByRole('button', { name: 'Verify' });
    const result = page.locator('#result');
    const attempt = async (text) => {
      await code.fill(text);
      await verify.click();
      return (await result.textContent()).trim();
    };

    assert.match(await attempt(''), /Enter the 6-digit code/);
    assert.match(await attempt('12345'), /must be 6 digits long; you typed 5/);
    assert.match(await attempt('1234567'), /must be 6 digits long; you typed 7/);
    assert.match(await attempt('12a456'), /digits only/);
    const wrong = wrongCode(secret);
    assert.match(await attempt(wrong), /does not match/);
    assert.doesNotMatch(await result.textContent(), /Verified/);
    assert.equal(await result.getAttribute('class'), 'bad');

    // The right code, computed here in Node by the packed library from the secret read off the page.
    const right = lib.generateTotp(secret);
    assert.match(await attempt(right), /^Verified/);
    assert.equal(await result.getAttribute('class'), 'ok');
    assert.equal(await code.isDisabled(), true, 'the field is closed once verified');

    assert.deepEqual(blocked, [], 'requests to anything but 127.0.0.1');
    const foreign = requests.filter((url) => !url.startsWith(`${server.origin}/`));
    assert.deepEqual(foreign, [], 'the page asked only its own origin');
    assert.deepEqual(problems, [], 'no page errors, console errors or CSP violations');
    // It did load the package's ES build (and nothing else from the package).
    assert.ok(server.requests.includes('/dist/esm/index.js'), 'loaded /dist/esm/index.js');
    assert.ok(server.requests.includes('/dist/esm/qr.js'), 'loaded /dist/esm/qr.js');
  });
});
