// What the tests need from the machine: a PostgreSQL (DATABASE_URL), Debian's Chromium and zbarimg. Locally a
// missing one skips the tests that need it, with the reason printed; under CI (CI=true) it fails them, because
// .ci/run installs and starts all of them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const UNDER_CI = process.env.CI === 'true';

/** Returns false (skip, reason printed) locally, throws under CI. */
function missing(reason) {
  if (UNDER_CI) throw new Error(`CI=true but ${reason}; .ci/run should have provided it`);
  console.log(`skipped: ${reason}`);
  return reason;
}

/**
 * The PostgreSQL to test against: { url } when DATABASE_URL is set and answers, else { skip: reason }.
 * Each server test makes its own users, so all of them can share one database.
 */
export async function postgres() {
  const url = process.env.DATABASE_URL;
  if (!url) return { skip: missing('DATABASE_URL is not set (PostgreSQL tests need a database)') };
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { url };
  } catch (error) {
    return { skip: missing(`the PostgreSQL of DATABASE_URL does not answer (${error.code ?? error.message})`) };
  } finally {
    await client.end().catch(() => {});
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** undefined when Chromium and zbarimg are there, else the reason to skip (throws under CI). */
export function browserTools() {
  if (!existsSync(CHROMIUM)) return missing(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const zbar = spawnSync('zbarimg', ['--version'], { stdio: 'ignore' });
  if (zbar.error || zbar.status !== 0) return missing('zbarimg is not installed (apt-get install zbar-tools)');
  return undefined;
}
