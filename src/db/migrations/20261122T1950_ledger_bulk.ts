import { sql, type Kysely } from 'kysely';

/**
 * Appends many ledger entries under one lock of the head: the same entries, one by one in the
 * order given, as `ledger_append` would write them, at a fraction of the cost per entry (the head
 * row is updated once, not once per entry).
 */
const statements = [
  `CREATE FUNCTION ledger_append_all(p_actor text, p_action text, p_entity text, p_record_ids text[],
       p_records jsonb[]) RETURNS integer
     LANGUAGE plpgsql AS $$
     DECLARE
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
       SELECT seq, hash INTO v_seq, v_prev FROM ledger_head WHERE id = 1 FOR UPDATE;
       FOR i IN 1 .. v_count LOOP
         v_seq := v_seq + 1;
         v_record_hash := CASE WHEN p_records[i] IS NULL THEN NULL ELSE ledger_record_hash(p_records[i]) END;
         v_hash := encode(sha256(convert_to(v_prev || ledger_canonical(v_seq, v_at, p_actor, p_action,
           p_entity, p_record_ids[i], v_record_hash), 'UTF8')), 'hex');
         INSERT INTO ledger (seq, at, actor, action, entity, record_id, record_hash, prev_hash, hash)
           VALUES (v_seq, v_at, p_actor, p_action, p_entity, p_record_ids[i], v_record_hash, v_prev, v_hash);
         v_prev := v_hash;
       END LOOP;
       UPDATE ledger_head SET seq = v_seq, hash = v_prev WHERE id = 1;
       RETURN v_count;
     END $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
