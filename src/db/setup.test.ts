import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestStorage, testEngine } from '../test/harness';
import { refreshStatistics } from './setup';

describe('refreshing the planner statistics after a bulk load', () => {
  it(
    testEngine === 'postgresql'
      ? 'analyzes every table of a PostgreSQL server'
      : 'leaves the embedded database as it is',
    async () => {
      const storage = await openTestStorage();
      try {
        const analyzed = async () =>
          (
            await sql<{ name: string }>`SELECT relname AS name FROM pg_stat_user_tables
              WHERE last_analyze IS NOT NULL ORDER BY relname`.execute(storage.db)
          ).rows.map((r) => r.name);
        expect(await analyzed()).toEqual([]);
        await refreshStatistics(storage.db);
        const tables = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_tables
          WHERE schemaname = current_schema()`.execute(storage.db);
        const after = await analyzed();
        if (testEngine === 'postgresql') {
          expect(after).toEqual(expect.arrayContaining(['persons', 'encounters', 'ledger', 'facilities']));
          expect(after).toHaveLength(tables.rows[0]!.n);
        } else {
          expect(after).toEqual([]);
        }
      } finally {
        await storage.close();
      }
    },
  );
});
