import { sql, type Kysely } from 'kysely';

/**
 * A ledgered write may rest on records it read earlier and does not write: an encounter on the
 * person it was checked against (their post, birth date, sex, vital status). Such a write names
 * each record with the version it read (`xmin`, which changes with every update of the row), and
 * its statement calls this function with the records that no longer are at that version. If there
 * are any, the statement fails with SQLSTATE `AD409` and nothing of it is written; the caller reads
 * the records again and checks the write anew (`ledger-statement.ts`, decision 0011).
 */
const statements = [
  `CREATE FUNCTION ledger_require_unchanged(p_table text, p_changed text[]) RETURNS integer
     LANGUAGE plpgsql AS $$
     BEGIN
       IF p_changed IS NOT NULL THEN
         RAISE EXCEPTION 'records of % changed since they were read: %', p_table, array_to_string(p_changed, ', ')
           USING ERRCODE = 'AD409';
       END IF;
       RETURN 0;
     END $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
