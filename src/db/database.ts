import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { PGliteDialect } from './pglite-dialect';
import { Pipeline } from './pipeline';
import { PreparingClient } from './prepared-client';

export type Db = Kysely<Database>;
export type StorageKind = 'pglite' | 'postgresql';

export interface Storage {
  db: Db;
  kind: StorageKind;
  close(): Promise<void>;
  /** PGlite only: a copy of the whole data directory, to clone the database from. */
  dump?: () => Promise<Blob>;
}

export interface StorageOptions {
  databaseUrl?: string;
  /** PGlite data directory, or `memory://` */
  dataDir?: string;
  /** A PGlite data directory dump to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob;
  poolSize?: number;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/** Opens the configured database: a PostgreSQL server when a URL is given, PGlite otherwise. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPGlite(options.dataDir ?? 'memory://', options.loadDataDir);
}

/**
 * PGlite's start parameters without `-F` (its default turns fsync off: PostgreSQL then asks for
 * every commit to be flushed, though the WebAssembly file layer can only hand the write to the
 * operating system; see docs/decisions/0005-embedded-database.md) and with a 16 MB buffer pool
 * instead of 128 MB, which keeps the embedded server's memory within bounds at no cost in speed
 * and leaves room for the plans of its prepared statements.
 */
const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  '-c',
  'shared_buffers=16MB',
];

/** Databases opened on PGlite, for the few things that differ on the embedded database. */
const embedded = new WeakSet<Db>();

/** Whether `db` (not a transaction of it) is the embedded database. */
export function isEmbedded(db: Db): boolean {
  return embedded.has(db);
}

async function openPGlite(dataDir: string, loadDataDir?: Blob): Promise<Storage> {
  const pglite = new PGlite(dataDir, {
    loadDataDir,
    startParams: PGLITE_START_PARAMS,
    extensions: { pg_trgm, btree_gin },
    // bigint counts and numerics as numbers, dates as plain YYYY-MM-DD strings, as with `pg` below
    parsers: { [INT8]: Number, [NUMERIC]: Number, [DATE]: (value: string) => value },
  });
  await pglite.waitReady;
  await pglite.exec("SET TIME ZONE 'UTC'");
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  embedded.add(db);
  return { db, kind: 'pglite', close: () => db.destroy(), dump: () => pglite.dumpDataDir('none') };
}

/** Pipelined connections of the databases opened on a PostgreSQL server (`pipelineOf`). */
const pipelines = new WeakMap<Db, Pipeline>();

/**
 * The pipelined connection of a database on a PostgreSQL server (see `Pipeline`), or nothing on the
 * embedded database and inside a transaction, whose statements must go through `db` itself.
 */
export function pipelineOf(db: Db): Pipeline | undefined {
  return pipelines.get(db);
}

/** bigint counts and numerics as numbers, dates as plain YYYY-MM-DD strings, as on PGlite above. */
const typeParser = ((oid: number, format?: 'text' | 'binary') => {
  if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
  if (oid === DATE) return (value: string) => value;
  return pg.types.getTypeParser(oid, format);
}) as typeof pg.types.getTypeParser;

async function openPostgres(url: string, max: number): Promise<Storage> {
  const connection = { connectionString: url, options: '-c TimeZone=UTC' };
  const pool = new pg.Pool({ ...connection, max, Client: PreparingClient, types: { getTypeParser: typeParser } });
  // An idle connection closed by the server (a restart, a dropped database) must not bring the
  // process down; the pool replaces it on the next query.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await assertDurable(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const pipeline = new Pipeline(connection, typeParser);
  pipelines.set(db, pipeline);
  return {
    db,
    kind: 'postgresql',
    close: async () => {
      await pipeline.close();
      await db.destroy();
    },
  };
}

export class UnsafeDatabaseError extends Error {}

/**
 * A health record that the server acknowledged must survive a crash, so Adentro refuses to run on
 * a PostgreSQL server that was told not to flush its writes.
 */
export async function assertDurable(db: Db): Promise<void> {
  const { rows } = await sql<{ name: string; setting: string }>`
    SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')`.execute(db);
  const off = rows.filter((row) => row.setting === 'off').map((row) => row.name);
  if (off.length > 0) {
    throw new UnsafeDatabaseError(
      `The PostgreSQL server has ${off.join(' and ')} set to off, so acknowledged writes could be ` +
        `lost in a crash. Adentro will not start: set ${off.map((n) => `${n} = on`).join(', ')} ` +
        `in postgresql.conf (or for this database) and try again.`,
    );
  }
}
