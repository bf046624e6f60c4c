import { sql, type Kysely } from 'kysely';

/**
 * Lanes: the ledger becomes sixteen hash chains instead of one, so that concurrent writers no
 * longer queue behind a single head row. A transaction takes the first lane no other transaction
 * holds, keeps it until it commits, and appends all its entries there; `seq` still orders every
 * entry of the whole ledger (one sequence), and within a lane it only grows. The existing chain
 * becomes lane 1 unchanged, so a ledger written before this migration still verifies.
 * The embedded database has one connection and so writes lane 1 only.
 */
export const LEDGER_LANES = 16;

const statements = [
  `ALTER TABLE ledger_head DROP CONSTRAINT ledger_head_id_check`,
  `ALTER TABLE ledger_head ADD CONSTRAINT ledger_head_lane CHECK (id BETWEEN 1 AND ${LEDGER_LANES})`,
  `INSERT INTO ledger_head (id, seq, hash)
     SELECT lane, 0, repeat('0', 64) FROM generate_series(2, ${LEDGER_LANES}) lane`,
  `ALTER TABLE ledger ADD COLUMN lane smallint NOT NULL DEFAULT 1`,
  `ALTER TABLE ledger ALTER COLUMN lane DROP DEFAULT`,
  `CREATE SEQUENCE ledger_seq`,
  `SELECT setval('ledger_seq', greatest(seq, 1), seq > 0) FROM ledger_head WHERE id = 1`,

  // The lane this transaction writes to, taken (row-locked) on its first entry and remembered
  // for the rest of the transaction. When every lane is busy it waits for one.
  `CREATE FUNCTION ledger_take_lane() RETURNS smallint
     LANGUAGE plpgsql AS $$
     DECLARE
       v_lane smallint := nullif(current_setting('adentro.ledger_lane', true), '')::smallint;
     BEGIN
       IF v_lane IS NOT NULL THEN
         RETURN v_lane;
       END IF;
       SELECT id INTO v_lane FROM ledger_head ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
       IF v_lane IS NULL THEN
         v_lane := 1 + pg_backend_pid() % ${LEDGER_LANES};
         PERFORM 1 FROM ledger_head WHERE id = v_lane FOR UPDATE;
       END IF;
       PERFORM set_config('adentro.ledger_lane', v_lane::text, true);
       RETURN v_lane;
     END $$`,

  `CREATE OR REPLACE FUNCTION ledger_append(p_actor text, p_action text, p_entity text, p_record_id text,
       p_record jsonb) RETURNS bigint
     LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM ledger_append_all(p_actor, p_action, p_entity, ARRAY[p_record_id], ARRAY[p_record]);
       RETURN currval('ledger_seq');
     END $$`,

  `CREATE OR REPLACE FUNCTION ledger_append_all(p_actor text, p_action text, p_entity text, p_record_ids text[],
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
         v_hash := encode(sha256(convert_to(v_prev || ledger_canonical(v_seq, v_at, p_actor, p_action,
           p_entity, p_record_ids[i], v_record_hash), 'UTF8')), 'hex');
         INSERT INTO ledger (seq, lane, at, actor, action, entity, record_id, record_hash, prev_hash, hash)
           VALUES (v_seq, v_lane, v_at, p_actor, p_action, p_entity, p_record_ids[i], v_record_hash, v_prev, v_hash);
         v_prev := v_hash;
       END LOOP;
       UPDATE ledger_head SET seq = v_seq, hash = v_prev WHERE id = v_lane;
       RETURN v_count;
     END $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
