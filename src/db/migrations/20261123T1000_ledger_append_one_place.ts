import { sql, type Kysely } from 'kysely';

/**
 * One function chains entries again: `ledger_append_entries` (one actor for every entry, still
 * called by `ledger_append_all`) becomes `ledger_append_group` with that actor repeated, instead
 * of a second copy of the same loop. Every hash is the same as before.
 */
const statements = [
  `CREATE OR REPLACE FUNCTION ledger_append_entries(p_actor text, p_actions text[], p_entities text[],
       p_record_ids text[], p_records jsonb[]) RETURNS integer
     LANGUAGE sql AS $$
       SELECT ledger_append_group(array_fill(p_actor, ARRAY[coalesce(array_length(p_record_ids, 1), 0)]),
                p_actions, p_entities, p_record_ids, p_records)
     $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
