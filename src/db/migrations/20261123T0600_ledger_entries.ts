import { sql, type Kysely } from 'kysely';

/**
 * One append for the entries of several tables (each entry with its own action): a request that writes an encounter, its
 * diagnoses and its prescriptions appends all their entries in one call, taking the lane's head
 * once and moving it once, instead of once per table. `ledger_append_all` (one table) becomes a
 * case of it, so there is still one place where entries are hashed and chained.
 */
const statements = [
  `CREATE FUNCTION ledger_append_entries(p_actor text, p_actions text[], p_entities text[], p_record_ids text[],
       p_records jsonb[]) RETURNS integer
     LANGUAGE plpgsql AS $$
     DECLARE
       v_lane smallint;
       v_seq bigint;
       v_prev text;
       v_at timestamptz := date_trunc('milliseconds', clock_timestamp());
       v_record_hash text;
       v_hash text;
       v_count integer := coalesce(array_length(p_record_ids, 1), 0);
     BEGIN
       IF v_count = 0 THEN
         RETURN 0;
       END IF;
       v_lane := ledger_take_lane();
       SELECT hash INTO v_prev FROM ledger_head WHERE id = v_lane;
       FOR i IN 1 .. v_count LOOP
         v_seq := nextval('ledger_seq');
         v_record_hash := CASE WHEN p_records[i] IS NULL THEN NULL ELSE ledger_record_hash(p_records[i]) END;
         v_hash := encode(sha256(convert_to(v_prev || ledger_canonical(v_seq, v_at, p_actor, p_actions[i],
           p_entities[i], p_record_ids[i], v_record_hash), 'UTF8')), 'hex');
         INSERT INTO ledger (seq, lane, at, actor, action, entity, record_id, record_hash, prev_hash, hash)
           VALUES (v_seq, v_lane, v_at, p_actor, p_actions[i], p_entities[i], p_record_ids[i], v_record_hash, v_prev, v_hash);
         v_prev := v_hash;
       END LOOP;
       UPDATE ledger_head SET seq = v_seq, hash = v_prev WHERE id = v_lane;
       RETURN v_count;
     END $$`,

  `CREATE OR REPLACE FUNCTION ledger_append_all(p_actor text, p_action text, p_entity text, p_record_ids text[],
       p_records jsonb[]) RETURNS integer
     LANGUAGE sql AS $$
       SELECT ledger_append_entries(p_actor,
                array_fill(p_action, ARRAY[coalesce(array_length(p_record_ids, 1), 0)]),
                array_fill(p_entity, ARRAY[coalesce(array_length(p_record_ids, 1), 0)]), p_record_ids, p_records)
     $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
