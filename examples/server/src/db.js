// The database: PGlite (PostgreSQL compiled to WebAssembly, in this process, data in a folder) by default, or a
// PostgreSQL server through `pg` when DATABASE_URL is set. Both speak the same SQL, so the rest of the server sees
// one small interface and never knows which it has:
//   query(sql, params)  -> { rows, rowCount }   rowCount = rows changed by INSERT/UPDATE/DELETE; after a SELECT
//                                               it differs (pg: rows read, PGlite: 0): use rows.length
//   transaction(fn)     -> fn(tx) on one connection between BEGIN and COMMIT (ROLLBACK if it throws)
//   close()
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
// Any constant will do: it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK = 7_461_837;

/**
 * Opens the database and brings its schema up to date.
 * @param {{ url?: string, dataDir: string, poolSize?: number }} options - `url` (DATABASE_URL) selects PostgreSQL.
 */
export async function openDatabase({ url, dataDir, poolSize = 10 }) {
  const db = url ? await openPostgres(url, poolSize) : await openPglite(dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function openPglite(dataDir) {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create(dataDir);
  const wrap = (target) => ({
    async query(sql, params = []) {
      const result = await target.query(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    exec: (sql) => target.exec(sql),
  });
  return {
    description: `PGlite in ${dataDir}`,
    ...wrap(pglite),
    // PGlite is one connection: its transaction() holds every other query back until this one ends.
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  };
}

async function openPostgres(url, poolSize) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server drops (a restart, say) is replaced by the pool; without a listener the
  // 'error' event would end the process.
  pool.on('error', (error) => console.error(`database: idle connection lost (${error.code ?? error.message})`));
  const wrap = (target) => ({
    async query(sql, params = []) {
      const result = await target.query(sql, params);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    exec: (sql) => target.query(sql),
  });
  const { host, pathname } = new URL(url);
  const db = {
    // Never the password: this line is logged.
    description: `PostgreSQL at ${host}${pathname}`,
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  await db.query('SELECT 1'); // fail now, at start-up, if the server cannot be reached
  return db;
}

/**
 * Applies migrations/NNN_*.sql in order, each once, recorded in schema_migrations. The advisory lock makes
 * processes that start together (two servers on one PostgreSQL) take turns: the second one finds nothing to do.
 */
async function migrate(db) {
  const files = readdirSync(MIGRATIONS)
    .filter((name) => /^\d{3}_[a-z0-9_]+\.sql$/.test(name))
    .sort();
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations
         (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await tx.query('SELECT name FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.name));
    for (const name of files) {
      if (applied.has(name)) continue;
      await tx.exec(readFileSync(join(MIGRATIONS, name), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    }
  });
}
