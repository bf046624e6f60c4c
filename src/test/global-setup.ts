import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}

const runId = randomBytes(4).toString('hex');

/** Gives every worker the run's id, so that the databases this run creates can be named and dropped. */
export function setup(project: TestProject) {
  project.provide('testRunId', runId);
}

/** On PostgreSQL, drops whatever databases this run left (a failed test may skip its own cleanup). */
export async function teardown() {
  const url = process.env.ADENTRO_TEST_DATABASE_URL;
  if (!url) return;
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  try {
    const { rows } = await sql<{ datname: string }>`
      SELECT datname FROM pg_database WHERE datname LIKE ${`adentro\\_%\\_${runId}\\_%`}`.execute(db);
    for (const { datname } of rows) await sql.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).execute(db);
  } finally {
    await db.destroy();
  }
}
