import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { sql } from 'kysely';
import { loadReferenceData } from '../modules/territory/reference-data';
import type { Db } from './database';
import { migrateToLatest } from './migrate';

/** Migrates the schema and loads the shipped reference data if it is missing. */
export async function prepareDatabase(db: Db): Promise<{ migrations: string[]; referenceDataLoaded: boolean }> {
  const migrations = await migrateToLatest(db);
  const { loaded } = await loadReferenceData(db);
  return { migrations, referenceDataLoaded: loaded };
}

/**
 * Gathers the planner's statistics for every table, one table at a time, yielding between them so
 * that requests are answered meanwhile. Run after a bulk load: the embedded database has no
 * autovacuum to notice the new rows, and a server's may be off or not yet round. Without it the
 * planner takes a table of thousands for a table of a few rows, and a worklist or a lookup by key
 * reads whole tables.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  const tables = await sql<{ name: string }>`
    SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename
  `.execute(db);
  for (const { name } of tables.rows) {
    await sql`ANALYZE ${sql.raw(name)}`.execute(db);
    await yieldToRequests();
  }
}
