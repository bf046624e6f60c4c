import { sql } from 'kysely';
import type { Db } from '../../../db/database';
import { appendRowsToLedger } from '../../integrity/ledger.repository';
import type { LedgeredEntity } from '../../integrity/ledgered-entities';
import type { PopulationRows } from './population.plan';

/** Rows per INSERT: one JSON parameter that PostgreSQL turns back into rows. */
const ROWS_PER_INSERT = 5_000;

/**
 * Inserts rows of one population table and appends their ledger entries with one
 * `ledger_append_all` call. Call inside a transaction.
 */
export async function insertLedgeredRows(
  tx: Db,
  actor: string,
  table: keyof PopulationRows & LedgeredEntity,
  rows: readonly { id: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const batch = JSON.stringify(rows.slice(i, i + ROWS_PER_INSERT));
    await sql`INSERT INTO ${sql.table(table)} SELECT * FROM json_populate_recordset(NULL::${sql.table(table)}, ${batch}::json)`.execute(
      tx,
    );
  }
  await appendRowsToLedger(tx, actor, 'create', table, sql`id = ANY(${rows.map((r) => r.id)}::uuid[])`);
}
