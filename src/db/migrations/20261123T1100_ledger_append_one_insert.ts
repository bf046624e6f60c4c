import { sql, type Kysely } from 'kysely';

/**
 * The append writes a call's entries with one insert instead of one per entry: the loop only
 * numbers and hashes them, into arrays, and a single `INSERT … SELECT` writes them all (a
 * thousand at a time, so that a call with the demo's tens of thousands holds no more in memory). Each
 * insert run from PL/pgSQL starts an executor of its own, which for eighteen entries (six
 * encounters, each with a diagnosis and a prescription) cost about a third of the append. The
 * entries, their order and every hash are the same as before.
 */
const statements = [
  `CREATE OR REPLACE FUNCTION ledger_append_group(p_actors text[], p_actions text[], p_entities text[],
       p_record_ids text[], p_records jsonb[]) RETURNS integer
     LANGUAGE plpgsql AS $$
     DECLARE
       v_lane smallint := nullif(current_setting('adentro.ledger_lane', true), '')::smallint;
       v_prev text;
       v_at timestamptz := date_trunc('milliseconds', clock_timestamp());
       v_count integer := coalesce(array_length(p_record_ids, 1), 0);
       v_seqs bigint[] := '{}';
       v_record_hashes text[] := '{}';
       v_prevs text[] := '{}';
       v_hashes text[] := '{}';
       v_actors text[] := '{}';
       v_actions text[] := '{}';
       v_entities text[] := '{}';
       v_ids text[] := '{}';
       v_n integer := 0;
       v_last bigint;
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
         v_n := v_n + 1;
         v_seqs[v_n] := nextval('ledger_seq');
         v_record_hashes[v_n] := CASE WHEN p_records[i] IS NULL THEN NULL ELSE ledger_record_hash(p_records[i]) END;
         v_prevs[v_n] := v_prev;
         v_prev := encode(sha256(convert_to(v_prev || ledger_canonical(v_seqs[v_n], v_at, p_actors[i],
                     p_actions[i], p_entities[i], p_record_ids[i], v_record_hashes[v_n]), 'UTF8')), 'hex');
         v_hashes[v_n] := v_prev;
         v_actors[v_n] := p_actors[i];
         v_actions[v_n] := p_actions[i];
         v_entities[v_n] := p_entities[i];
         v_ids[v_n] := p_record_ids[i];
         IF v_n = 1000 OR i = v_count THEN
           INSERT INTO ledger (seq, lane, at, actor, action, entity, record_id, record_hash, prev_hash, hash)
             SELECT v_seqs[k], v_lane, v_at, v_actors[k], v_actions[k], v_entities[k], v_ids[k], v_record_hashes[k],
                    v_prevs[k], v_hashes[k]
             FROM generate_series(1, v_n) k;
           v_last := v_seqs[v_n];
           v_n := 0;
           v_seqs := '{}';
           v_record_hashes := '{}';
           v_prevs := '{}';
           v_hashes := '{}';
           v_actors := '{}';
           v_actions := '{}';
           v_entities := '{}';
           v_ids := '{}';
         END IF;
       END LOOP;
       UPDATE ledger_head SET seq = v_last, hash = v_prev WHERE id = v_lane;
       RETURN v_count;
     END $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
