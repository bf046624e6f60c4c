import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../test/harness';
import { openStorage, UnsafeDatabaseError } from './database';
import { UNPREPARED } from './prepared-client';
import { prepareDatabase } from './setup';

describe('the embedded database', () => {
  it('keeps its data on disk between starts, and a second start has nothing to migrate or load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adentro-db-'));
    try {
      const first = await openStorage({ dataDir: dir });
      const prepared = await prepareDatabase(first.db);
      expect(prepared.migrations.length).toBeGreaterThan(0);
      expect(prepared.referenceDataLoaded).toBe(true);
      await first.close();
      const second = await openStorage({ dataDir: dir });
      expect(await prepareDatabase(second.db)).toEqual({ migrations: [], referenceDataLoaded: false });
      const { n } = await second.db
        .selectFrom('parishes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n)).toBe(1139);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prepares a parameterised statement once, passes values as query() does, and survives errors', async () => {
    const { db, close } = await openStorage({ dataDir: 'memory://' });
    try {
      const preparedCount = async (text: string) =>
        (
          await sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = ${text}`.execute(db)
        ).rows[0]!.n;
      const square = (v: number) => sql<{ v: number }>`SELECT ${v}::int * ${v}::int AS v`.execute(db);
      expect((await square(3)).rows[0]!.v).toBe(9);
      expect((await square(12)).rows[0]!.v).toBe(144);
      expect(await preparedCount('SELECT $1::int * $2::int AS v')).toBe(1);
      // Marked, a statement runs through query(), unprepared.
      expect((await sql<{ v: number }>`SELECT ${7}::int AS v ${sql.raw(UNPREPARED)}`.execute(db)).rows[0]!.v).toBe(7);
      expect(await preparedCount(`SELECT $1::int AS v ${UNPREPARED}`)).toBe(0);

      // Values of every kind the application passes, typed by the statement, read back by the same parsers.
      const at = new Date('2026-03-04T05:06:07.089Z');
      const { rows } = await sql<{ at: Date; doc: unknown; list: string[]; none: number | null; yes: boolean }>`
        SELECT ${at}::timestamptz AS at, ${JSON.stringify({ a: [1, 'dos'], b: null })}::jsonb AS doc,
               ${['x', 'y "z"']}::text[] AS list, ${null}::int AS none, ${true}::boolean AS yes`.execute(db);
      expect(rows[0]).toEqual({ at, doc: { a: [1, 'dos'], b: null }, list: ['x', 'y "z"'], none: null, yes: true });
      const written = await sql`CREATE TEMP TABLE t (n int PRIMARY KEY)`.execute(db);
      expect(written.rows).toEqual([]);
      expect((await sql`INSERT INTO t VALUES (${1}), (${2})`.execute(db)).numAffectedRows).toBe(2n);

      // A statement that fails to run leaves the connection usable, prepared or not.
      await expect(sql`SELECT 1 / ${0}::int AS v`.execute(db)).rejects.toMatchObject({ code: '22012' });
      await expect(sql`INSERT INTO t VALUES (${1})`.execute(db)).rejects.toMatchObject({ code: '23505' });
      await expect(sql`SELEC ${1}::int`.execute(db)).rejects.toMatchObject({ code: '42601' });
      await expect(sql`SELEC ${1}::int`.execute(db)).rejects.toMatchObject({ code: '42601' });
      expect((await square(5)).rows[0]!.v).toBe(25);
      // And a transaction that failed still rolls back cleanly.
      await expect(
        db.transaction().execute(async (tx) => {
          await sql`INSERT INTO t VALUES (${3})`.execute(tx);
          await sql`INSERT INTO t VALUES (${3})`.execute(tx);
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM t WHERE n > ${0}`.execute(db)).rows[0]!.n).toBe(
        2,
      );
    } finally {
      await close();
    }
  });
});

describe.runIf(testEngine === 'postgresql')('a PostgreSQL server', () => {
  const serverUrl = process.env.ADENTRO_TEST_DATABASE_URL!;
  const admin = () =>
    new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl, max: 1 }) }),
    });

  it('is refused with a clear message when it does not flush acknowledged writes', async () => {
    const name = `adentro_unsafe_${randomBytes(5).toString('hex')}`;
    const db = admin();
    await sql.raw(`CREATE DATABASE ${name}`).execute(db);
    await sql.raw(`ALTER DATABASE ${name} SET synchronous_commit = off`).execute(db);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const attempt = openStorage({ databaseUrl: url.toString() });
      await expect(attempt).rejects.toBeInstanceOf(UnsafeDatabaseError);
      await expect(attempt).rejects.toThrow(/synchronous_commit set to off.*Adentro will not start/);
    } finally {
      await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(db);
      await db.destroy();
    }
  });

  it('prepares a parameterised statement once per connection and reuses it', async () => {
    const name = `adentro_prepared_${randomBytes(5).toString('hex')}`;
    const db = admin();
    await sql.raw(`CREATE DATABASE ${name}`).execute(db);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const storage = await openStorage({ databaseUrl: url.toString(), poolSize: 1 });
    try {
      const square = (n: number) => sql<{ v: number }>`SELECT ${n}::int * ${n}::int AS v`.execute(storage.db);
      expect((await square(3)).rows[0]!.v).toBe(9);
      expect((await square(12)).rows[0]!.v).toBe(144);
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_prepared_statements
        WHERE statement = ${'SELECT $1::int * $2::int AS v'}`.execute(storage.db);
      expect(rows[0]!.n).toBe(1);
      // Marked at either end, a statement runs unprepared: its plan is made for its own values.
      const atEnd = await sql<{ v: number }>`SELECT ${2}::int * ${4}::int AS v ${sql.raw(UNPREPARED)}`.execute(
        storage.db,
      );
      expect(atEnd.rows[0]!.v).toBe(8);
      const atStart = await sql<{ v: number }>`${sql.raw(UNPREPARED)} SELECT ${5}::int AS v`.execute(storage.db);
      expect(atStart.rows[0]!.v).toBe(5);
      const unprepared = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE ${'%unprepared%'}`.execute(
        storage.db,
      );
      expect(unprepared.rows[0]!.n).toBe(0);
    } finally {
      await storage.close();
      await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(db);
      await db.destroy();
    }
  });
});
