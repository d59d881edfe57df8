// Chromium shim, run by Node: serves the consumer folder (the installed tarball, cases.mjs, browser-page.mjs) on
// 127.0.0.1, opens a page whose import map follows the packed package.json's exports map, and prints the page's
// result line. Any request to anything but 127.0.0.1 is refused and fails the run.
// Usage: node browser.mjs <consumer-dir>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withChromium } from './chromium.mjs';
import { startStaticServer } from './server.mjs';

const RESULT_MARK = '@@totp-config-runtime-result@@';
const consumer = process.argv[2];
if (!consumer) throw new Error('usage: node browser.mjs <consumer-dir>');
const pkg = JSON.parse(readFileSync(join(consumer, 'node_modules', 'totp-config', 'package.json'), 'utf8'));
const target = (entry) => `/node_modules/totp-config/${pkg.exports[entry].import.default.replace(/^\.\//, '')}`;
const importMap = { imports: { 'totp-config': target('.'), 'totp-config/qr': target('./qr') } };
const html = `<!doctype html>
<meta charset="utf-8">
<title>totp-config conformance</title>
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module" src="/browser-page.mjs"></script>
<body></body>`;

const server = await startStaticServer(
  { '/': consumer },
  { routes: { '/': { type: 'text/html; charset=utf-8', body: html } } },
);
try {
  await withChromium(async ({ page, blocked, version }) => {
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
    );
    await page.goto(`${server.origin}/`);
    try {
      await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 60_000 });
    } catch {
      throw new Error(`the page produced no result\n  ${problems.join('\n  ') || '(no errors reported)'}`);
    }
    const line = await page.evaluate(() => document.body.dataset.result);
    const result = JSON.parse(line.slice(RESULT_MARK.length));
    result.version = `chromium ${version}`;
    if (blocked.length > 0) {
      result.results.push({
        name: 'network: the page asked for nothing but 127.0.0.1',
        status: 'fail',
        message: blocked.join(', '),
      });
    }
    console.log(RESULT_MARK + JSON.stringify(result));
  });
} finally {
  await server.close();
}
