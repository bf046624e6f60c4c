import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { sql } from 'kysely';
import { loadReferenceData } from '../modules/territory/reference-data';
import { isEmbedded, type Db } from './database';
import { migrateToLatest } from './migrate';

/** Migrates the schema and loads the shipped reference data if it is missing. */
export async function prepareDatabase(db: Db): Promise<{ migrations: string[]; referenceDataLoaded: boolean }> {
  const migrations = await migrateToLatest(db);
  const { loaded } = await loadReferenceData(db);
  return { migrations, referenceDataLoaded: loaded };
}

/**
 * Gathers the planner's statistics for every table of a PostgreSQL server, one table at a time,
 * yielding between them so that requests are answered meanwhile. Run after a bulk load: until
 * autovacuum comes round (or never, where it is off) the planner takes the loaded tables for
 * empty ones, and a worklist or a lookup by key reads whole tables. The embedded database is left
 * as it is: its queries are written not to need statistics, and gathering them grew its memory by
 * some 40 MB, which it never gives back.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  if (isEmbedded(db)) return;
  const tables = await sql<{ name: string }>`
    SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename
  `.execute(db);
  for (const { name } of tables.rows) {
    await sql`ANALYZE ${sql.raw(name)}`.execute(db);
    await yieldToRequests();
  }
}
