import { sql, type Kysely } from 'kysely';

/**
 * Foundation: territory, facilities, people and the hash-chained ledger.
 * Hand-written and never edited once landed; later changes get their own migration.
 */
const statements = [
  // --- integrity: the ledger -------------------------------------------------------------
  `CREATE TABLE ledger_head (
     id smallint PRIMARY KEY CHECK (id = 1),
     seq bigint NOT NULL,
     hash text NOT NULL)`,
  `INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, repeat('0', 64))`,
  `CREATE TABLE ledger (
     seq bigint PRIMARY KEY,
     at timestamptz NOT NULL,
     actor text NOT NULL,
     action text NOT NULL,
     entity text NOT NULL,
     record_id text NOT NULL,
     record_hash text,
     prev_hash text NOT NULL,
     hash text NOT NULL)`,
  `CREATE INDEX ledger_by_record ON ledger (entity, record_id, seq)`,
  // The canonical text of an entry: a JSON array of strings, hashed after the previous hash.
  // src/modules/integrity/ledger.rules.ts computes the same text independently for verification.
  `CREATE FUNCTION ledger_canonical(p_seq bigint, p_at timestamptz, p_actor text, p_action text,
       p_entity text, p_record_id text, p_record_hash text) RETURNS text
     LANGUAGE sql IMMUTABLE AS $$
       SELECT '[' || array_to_string(ARRAY[
         to_json(p_seq::text)::text,
         to_json(to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text,
         to_json(p_actor)::text, to_json(p_action)::text, to_json(p_entity)::text,
         to_json(p_record_id)::text, coalesce(to_json(p_record_hash)::text, 'null')], ',') || ']'
     $$`,
  // The record's hash covers its stored row without null fields, so a later nullable column
  // does not change the hash of rows written before it existed.
  `CREATE FUNCTION ledger_record_hash(p_record jsonb) RETURNS text
     LANGUAGE sql IMMUTABLE AS $$
       SELECT encode(sha256(convert_to(jsonb_strip_nulls(p_record)::text, 'UTF8')), 'hex')
     $$`,
  // Appends one entry. The head row is locked until commit, so entries form one chain in
  // commit order even with many writers.
  `CREATE FUNCTION ledger_append(p_actor text, p_action text, p_entity text, p_record_id text,
       p_record jsonb) RETURNS bigint
     LANGUAGE plpgsql AS $$
     DECLARE
       v_seq bigint;
       v_prev text;
       v_at timestamptz := date_trunc('milliseconds', clock_timestamp());
       v_record_hash text := CASE WHEN p_record IS NULL THEN NULL ELSE ledger_record_hash(p_record) END;
       v_hash text;
     BEGIN
       SELECT seq, hash INTO v_seq, v_prev FROM ledger_head WHERE id = 1 FOR UPDATE;
       v_seq := v_seq + 1;
       v_hash := encode(sha256(convert_to(v_prev || ledger_canonical(v_seq, v_at, p_actor, p_action,
         p_entity, p_record_id, v_record_hash), 'UTF8')), 'hex');
       INSERT INTO ledger (seq, at, actor, action, entity, record_id, record_hash, prev_hash, hash)
         VALUES (v_seq, v_at, p_actor, p_action, p_entity, p_record_id, v_record_hash, v_prev, v_hash);
       UPDATE ledger_head SET seq = v_seq, hash = v_hash WHERE id = 1;
       RETURN v_seq;
     END $$`,

  // --- territory -------------------------------------------------------------------------
  `CREATE TABLE states (
     code text PRIMARY KEY,
     ine_code text NOT NULL UNIQUE,
     name text NOT NULL,
     search_name text NOT NULL,
     capital text NOT NULL,
     population_2011 integer NOT NULL CHECK (population_2011 >= 0))`,
  `CREATE TABLE municipalities (
     code text PRIMARY KEY,
     state_code text NOT NULL REFERENCES states (code),
     name text NOT NULL,
     search_name text NOT NULL,
     capital text)`,
  `CREATE INDEX municipalities_by_state ON municipalities (state_code)`,
  `CREATE TABLE parishes (
     code text PRIMARY KEY,
     municipality_code text NOT NULL REFERENCES municipalities (code),
     state_code text NOT NULL REFERENCES states (code),
     name text NOT NULL,
     search_name text NOT NULL)`,
  `CREATE INDEX parishes_by_municipality ON parishes (municipality_code)`,
  `CREATE TABLE sectors (
     id uuid PRIMARY KEY,
     parish_code text NOT NULL REFERENCES parishes (code),
     state_code text NOT NULL REFERENCES states (code),
     name text NOT NULL,
     search_name text NOT NULL,
     created_at timestamptz NOT NULL,
     UNIQUE (parish_code, search_name))`,
  `CREATE TABLE asics (
     id uuid PRIMARY KEY,
     code text NOT NULL UNIQUE,
     name text NOT NULL,
     search_name text NOT NULL,
     territory_code text NOT NULL,
     state_code text NOT NULL REFERENCES states (code),
     population integer CHECK (population >= 0),
     created_at timestamptz NOT NULL)`,
  `CREATE INDEX asics_by_territory ON asics (territory_code)`,

  // --- facilities ------------------------------------------------------------------------
  `CREATE TABLE service_catalog (
     code text PRIMARY KEY,
     name_es text NOT NULL,
     name_en text NOT NULL,
     area text NOT NULL,
     kinds text[] NOT NULL)`,
  `CREATE TABLE facilities (
     id uuid PRIMARY KEY,
     code text NOT NULL UNIQUE,
     name text NOT NULL,
     search_name text NOT NULL,
     kind text NOT NULL,
     tier smallint NOT NULL CHECK (tier BETWEEN 1 AND 4),
     state_code text NOT NULL REFERENCES states (code),
     municipality_code text NOT NULL REFERENCES municipalities (code),
     parish_code text NOT NULL REFERENCES parishes (code),
     sector_id uuid REFERENCES sectors (id),
     asic_id uuid REFERENCES asics (id),
     address text,
     phone text,
     services text[] NOT NULL,
     beds_ward integer NOT NULL CHECK (beds_ward >= 0),
     beds_icu integer NOT NULL CHECK (beds_icu >= 0),
     target_families integer CHECK (target_families >= 0),
     target_population integer CHECK (target_population >= 0),
     status text NOT NULL,
     status_since date NOT NULL,
     created_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL)`,
  // Filters go by territory first: a parish code starts with its municipality and state codes.
  `CREATE INDEX facilities_by_parish ON facilities (parish_code, tier, status)`,
  `CREATE INDEX facilities_by_municipality ON facilities (municipality_code, tier, status)`,
  `CREATE INDEX facilities_by_state ON facilities (state_code, tier, status)`,
  `CREATE INDEX facilities_by_name ON facilities (search_name)`,
  `CREATE INDEX facilities_by_asic ON facilities (asic_id)`,
  `CREATE TABLE facility_status_changes (
     id uuid PRIMARY KEY,
     facility_id uuid NOT NULL REFERENCES facilities (id),
     state_code text NOT NULL REFERENCES states (code),
     from_status text,
     to_status text NOT NULL,
     effective_on date NOT NULL,
     reason text NOT NULL,
     recorded_by text NOT NULL,
     recorded_at timestamptz NOT NULL)`,
  `CREATE INDEX facility_status_changes_by_facility ON facility_status_changes (facility_id, recorded_at)`,

  // --- people and access -----------------------------------------------------------------
  `CREATE TABLE users (
     id uuid PRIMARY KEY,
     username text NOT NULL UNIQUE,
     display_name text NOT NULL,
     password_hash text NOT NULL,
     locale text NOT NULL DEFAULT 'es',
     active boolean NOT NULL DEFAULT true,
     created_at timestamptz NOT NULL)`,
  `CREATE TABLE role_assignments (
     id uuid PRIMARY KEY,
     user_id uuid NOT NULL REFERENCES users (id),
     role text NOT NULL,
     facility_id uuid REFERENCES facilities (id),
     territory_code text,
     created_at timestamptz NOT NULL,
     created_by text NOT NULL,
     CHECK ((facility_id IS NULL) <> (territory_code IS NULL)))`,
  `CREATE INDEX role_assignments_by_user ON role_assignments (user_id)`,
  `CREATE TABLE sessions (
     token_hash text PRIMARY KEY,
     user_id uuid NOT NULL REFERENCES users (id),
     created_at timestamptz NOT NULL,
     expires_at timestamptz NOT NULL)`,
  `CREATE TABLE api_tokens (
     id uuid PRIMARY KEY,
     user_id uuid NOT NULL REFERENCES users (id),
     name text NOT NULL,
     token_hash text NOT NULL UNIQUE,
     created_at timestamptz NOT NULL,
     expires_at timestamptz,
     revoked_at timestamptz)`,
  `CREATE TABLE access_denials (
     id bigserial PRIMARY KEY,
     at timestamptz NOT NULL,
     user_id uuid,
     method text NOT NULL,
     route text NOT NULL,
     reason text NOT NULL,
     request_id text NOT NULL)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
