import { sql, type Kysely } from 'kysely';

/**
 * Care amendments. An amendment (a correction or an "entered in error") is a new row that points at
 * the original (DESIGN §3.2); it now says why, and each record can be amended only once, so that
 * the versions of a record form one line and "the current version" is never ambiguous. The unique
 * index also finds a record's amendment without a scan. The new columns are nullable, so the
 * ledger hashes of existing rows do not change (docs/decisions/0001-ledger.md).
 */
const statements = [
  `ALTER TABLE encounters ADD COLUMN amendment_reason text`,
  `ALTER TABLE immunizations ADD COLUMN amendment_reason text`,
  `CREATE UNIQUE INDEX encounters_amended_once ON encounters (amends_id) WHERE amends_id IS NOT NULL`,
  `CREATE UNIQUE INDEX immunizations_amended_once ON immunizations (amends_id) WHERE amends_id IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
