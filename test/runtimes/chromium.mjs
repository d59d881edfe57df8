// Launches Debian's Chromium through playwright-core, never a downloaded browser: a fresh profile each time, the
// flags that keep it from calling home (this machine's network is closed, and a test must not depend on one), and a
// route that lets through only 127.0.0.1 and records everything else it refused.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium binary to drive: $CHROMIUM_PATH, else Debian's /usr/bin/chromium; null when neither exists. */
export function findChromium() {
  for (const path of [process.env.CHROMIUM_PATH, '/usr/bin/chromium']) if (path && existsSync(path)) return path;
  return null;
}

/**
 * Runs `fn` with a page in a fresh headless Chromium, and closes the browser and deletes its profile afterwards
 * whatever happens. `blocked` lists every request to anything but 127.0.0.1 (each was aborted).
 * @template T
 * @param {(ctx: { page: import('playwright-core').Page, context: import('playwright-core').BrowserContext,
 *   blocked: string[], version: string }) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withChromium(fn) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium: install Debian's chromium package or set CHROMIUM_PATH");
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'totp-config-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      // playwright passes `profile` as --user-data-dir: a new empty one every run.
      args: CHROMIUM_ARGS,
      serviceWorkers: 'block',
      viewport: { width: 900, height: 900 },
    });
    const blocked = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '127.0.0.1')
        return route.continue();
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const version = context.browser()?.version() ?? 'unknown';
    return await fn({ page, context, blocked, version });
  } finally {
    await context?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}
