import { sql, type Kysely } from 'kysely';

/**
 * Signed checkpoints of the ledger, kept so that an auditor can fetch them; the copies that count
 * are the ones published outside the database (see docs/decisions/0001-ledger.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE ledger_checkpoints (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    entries bigint NOT NULL,
    root text NOT NULL,
    checkpoint jsonb NOT NULL)`.execute(db);
}
