import { sql, type Kysely } from 'kysely';

/**
 * The append for a group of writes: the same chaining as `ledger_append_entries`, but each entry
 * names its own actor, so that the writes of several requests made at the same moment can be
 * written in one statement and appended in one call (one move of a lane's head, one commit). An
 * entry's canonical text, and so every hash, is exactly what a write of its own would produce.
 */
const statements = [
  `CREATE FUNCTION ledger_append_group(p_actors text[], p_actions text[], p_entities text[],
       p_record_ids text[], p_records jsonb[]) RETURNS integer
     LANGUAGE plpgsql AS $$
     DECLARE
       v_lane smallint := nullif(current_setting('adentro.ledger_lane', true), '')::smallint;
       v_seq bigint;
       v_prev text;
       v_at timestamptz := date_trunc('milliseconds', clock_timestamp());
       v_record_hash text;
       v_count integer := coalesce(array_length(p_record_ids, 1), 0);
     BEGIN
       IF v_count = 0 THEN
         RETURN 0;
       END IF;
       IF v_lane IS NOT NULL THEN
         SELECT hash INTO v_prev FROM ledger_head WHERE id = v_lane;
       ELSE
         SELECT id, hash INTO v_lane, v_prev FROM ledger_head ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
         IF v_lane IS NULL THEN
           v_lane := 1 + pg_backend_pid() % 16;
           SELECT hash INTO v_prev FROM ledger_head WHERE id = v_lane FOR UPDATE;
         END IF;
         PERFORM set_config('adentro.ledger_lane', v_lane::text, true);
       END IF;
       FOR i IN 1 .. v_count LOOP
         v_seq := nextval('ledger_seq');
         v_record_hash := CASE WHEN p_records[i] IS NULL THEN NULL ELSE ledger_record_hash(p_records[i]) END;
         INSERT INTO ledger (seq, lane, at, actor, action, entity, record_id, record_hash, prev_hash, hash)
           VALUES (v_seq, v_lane, v_at, p_actors[i], p_actions[i], p_entities[i], p_record_ids[i], v_record_hash,
                   v_prev, encode(sha256(convert_to(v_prev || ledger_canonical(v_seq, v_at, p_actors[i],
                     p_actions[i], p_entities[i], p_record_ids[i], v_record_hash), 'UTF8')), 'hex'))
           RETURNING hash INTO v_prev;
       END LOOP;
       UPDATE ledger_head SET seq = v_seq, hash = v_prev WHERE id = v_lane;
       RETURN v_count;
     END $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
