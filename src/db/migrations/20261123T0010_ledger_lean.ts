import { sql, type Kysely } from 'kysely';

/**
 * Drops the ledger's index by record. Verification now reads the newest entry of every record
 * while it walks the chain, and nothing else looks entries up by record, so the index only made
 * every ledgered write pay for one more B-tree insert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX ledger_by_record`.execute(db);
}
