import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage, testEngine } from '../test/harness';
import type { Storage } from './database';
import { pipelineOf } from './database';
import pg from 'pg';
import { Pipeline } from './pipeline';

describe.runIf(testEngine === 'postgresql')('the pipelined connection of a PostgreSQL server', () => {
  let storage: Storage;
  let pipeline: Pipeline;
  beforeAll(async () => {
    storage = await openTestStorage();
    pipeline = pipelineOf(storage.db)!;
  });
  afterAll(() => storage.close());

  it('answers each of many statements sent at once with its own rows, on one connection', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        pipeline.query<{ v: string; pid: number }>('SELECT $1::text AS v, pg_backend_pid() AS pid', [`n${i}`]),
      ),
    );
    expect(answers.map(({ rows }) => rows[0]!.v)).toEqual(Array.from({ length: 40 }, (_, i) => `n${i}`));
    expect(new Set(answers.map(({ rows }) => rows[0]!.pid)).size).toBe(1);
    const many = await pipeline.query<{ k: number }>('SELECT generate_series(1, $1::int) AS k', ['3']);
    expect(many.rows).toEqual([{ k: 1 }, { k: 2 }, { k: 3 }]);
  });

  it('reads values as the pool does: counts as numbers, dates as text, JSON parsed, timestamps as dates', async () => {
    const text = `SELECT 2::int8 AS n, '2026-11-24'::date AS d, $1::jsonb AS j, '2026-11-24T10:00:00Z'::timestamptz AS t, NULL::text AS z`;
    const { rows } = await pipeline.query<Record<string, unknown>>(text, ['{"a":[1,"b"]}']);
    const pooled = await sql<
      Record<string, unknown>
    >`SELECT 2::int8 AS n, '2026-11-24'::date AS d, ${'{"a":[1,"b"]}'}::jsonb AS j, '2026-11-24T10:00:00Z'::timestamptz AS t, NULL::text AS z`.execute(
      storage.db,
    );
    expect(rows).toEqual(pooled.rows);
    expect(rows[0]).toEqual({
      n: 2,
      d: '2026-11-24',
      j: { a: [1, 'b'] },
      t: new Date('2026-11-24T10:00:00Z'),
      z: null,
    });
  });

  it('fails a statement alone: those sent before and after it are answered, and nothing of it is written', async () => {
    await sql`CREATE TABLE pipeline_probe (v int PRIMARY KEY)`.execute(storage.db);
    const insert = (v: string) => pipeline.query('INSERT INTO pipeline_probe (v) VALUES ($1::int) RETURNING v', [v]);
    const results = await Promise.allSettled([
      insert('1'),
      pipeline.query(
        'WITH a AS (INSERT INTO pipeline_probe (v) VALUES (2) RETURNING v) SELECT 1 / $1::int AS x FROM a',
        ['0'],
      ),
      insert('1'),
      insert('3'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: '22012' });
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({
      code: '23505',
      constraint: 'pipeline_probe_pkey',
    });
    const { rows } = await sql<{ v: number }>`SELECT v FROM pipeline_probe ORDER BY v`.execute(storage.db);
    expect(rows.map((r) => r.v)).toEqual([1, 3]);
  });

  it('gives every statement of a text that cannot be prepared the server reason, and prepares a good text again', async () => {
    const bad = 'SELECT no_such_column FROM (SELECT $1::text AS v) x';
    const results = await Promise.allSettled([pipeline.query(bad, ['a']), pipeline.query(bad, ['b'])]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: '42703' });
    }
    await expect(pipeline.query(bad, ['c'])).rejects.toMatchObject({ code: '42703' });
    const { rows } = await pipeline.query<{ v: string }>('SELECT $1::text AS v', ['after']);
    expect(rows).toEqual([{ v: 'after' }]);
  });

  it('fails what it had sent when its connection is lost, and connects again for the next statement', async () => {
    const { rows } = await pipeline.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, $1::text AS v', ['x']);
    const pid = rows[0]!.pid;
    const sleeping = pipeline.query('SELECT pg_sleep(30), $1::text AS v', ['sleeping']);
    const queued = pipeline.query('SELECT $1::text AS v', ['queued']);
    const settled = Promise.allSettled([sleeping, queued]);
    await sql`SELECT pg_terminate_backend(${pid}::int)`.execute(storage.db);
    const [first, second] = await settled;
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('rejected');
    const again = await pipeline.query<{ v: string; pid: number }>('SELECT $1::text AS v, pg_backend_pid() AS pid', [
      'again',
    ]);
    expect(again.rows[0]!.v).toBe('again');
    expect(again.rows[0]!.pid).not.toBe(pid);
  });

  it('connects again after its connection is ended while idle, without bringing the process down', async () => {
    const { rows } = await pipeline.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, $1::text AS v', ['idle']);
    const pid = rows[0]!.pid;
    await sql`SELECT pg_terminate_backend(${pid}::int)`.execute(storage.db);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await pipeline.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, $1::text AS v', ['back']);
    expect(again.rows[0]!.pid).not.toBe(pid);
  });

  it('answers what it had sent before closing, and takes no statement after', async () => {
    const own = new Pipeline({ connectionString: process.env.ADENTRO_TEST_DATABASE_URL }, pg.types.getTypeParser);
    const sleeping = own.query<{ v: string }>('SELECT pg_sleep(0.3), $1::text AS v', ['sleeping']);
    const closed = own.close();
    await expect(own.query('SELECT $1::text AS v', ['closed'])).rejects.toThrow(/closed/);
    expect((await sleeping).rows[0]!.v).toBe('sleeping');
    await closed;
  });
});
