import { sql, type Kysely } from 'kysely';

/**
 * Each person's care at a glance, kept by the database as encounters and classifications are
 * written (docs/decisions/0006, "The worklist's summary"): when the person was last seen and last
 * visited at home (counting only encounters that stand: not voided, not replaced by a
 * correction), and their latest classification. A post's worklist reads it with the post's
 * persons, one row each, instead of looking for every person's newest encounters and latest
 * classification at every request.
 *
 * It is derived, like an index: it is not ledgered, no service writes it, and
 * `person_care_refresh(ids)` rebuilds any person's row from the ledgered tables. The triggers keep
 * it in the same transaction as the writes: a new encounter can only make "last seen" later, so
 * it moves the dates forward; an amendment can take a visit away, so it rebuilds the person's row;
 * a new classification replaces the one kept if it is later (by date, then by when it was
 * recorded). Rows are written in the order of their person, so two writes that touch the same
 * people lock them in the same order and never deadlock. Persons are never deleted, so there is no
 * foreign key to check on every write.
 */
const statements = [
  `CREATE TABLE person_care (
     person_id uuid PRIMARY KEY,
     last_seen_at timestamptz,
     last_home_visit_at timestamptz,
     dispensary_group smallint,
     classified_on date,
     classification_recorded_at timestamptz,
     chronic_conditions text[])`,

  `CREATE FUNCTION person_care_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
     INSERT INTO person_care AS pc (person_id, last_seen_at, last_home_visit_at, dispensary_group,
                                    classified_on, classification_recorded_at, chronic_conditions)
     SELECT p.id, s.occurred_at, h.occurred_at, c.dispensary_group, c.classified_on, c.recorded_at,
            c.chronic_conditions
       FROM unnest(ids) AS p (id)
       LEFT JOIN LATERAL (
         SELECT e.occurred_at FROM encounters e
          WHERE e.person_id = p.id AND (e.amendment IS NULL OR e.amendment = 'correction')
            AND NOT EXISTS (SELECT FROM encounters a WHERE a.amends_id = e.id)
          ORDER BY e.occurred_at DESC LIMIT 1) s ON true
       LEFT JOIN LATERAL (
         SELECT e.occurred_at FROM encounters e
          WHERE e.person_id = p.id AND e.setting = 'home_visit'
            AND (e.amendment IS NULL OR e.amendment = 'correction')
            AND NOT EXISTS (SELECT FROM encounters a WHERE a.amends_id = e.id)
          ORDER BY e.occurred_at DESC LIMIT 1) h ON true
       LEFT JOIN LATERAL (
         SELECT k.dispensary_group, k.classified_on, k.recorded_at, k.chronic_conditions
           FROM classifications k WHERE k.person_id = p.id
          ORDER BY k.classified_on DESC, k.recorded_at DESC LIMIT 1) c ON true
      ORDER BY p.id
     ON CONFLICT (person_id) DO UPDATE SET
       last_seen_at = excluded.last_seen_at,
       last_home_visit_at = excluded.last_home_visit_at,
       dispensary_group = excluded.dispensary_group,
       classified_on = excluded.classified_on,
       classification_recorded_at = excluded.classification_recorded_at,
       chronic_conditions = excluded.chronic_conditions
   $$`,

  `CREATE FUNCTION person_care_encounters_added() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO person_care AS pc (person_id, last_seen_at, last_home_visit_at)
     SELECT person_id, max(occurred_at), max(occurred_at) FILTER (WHERE setting = 'home_visit')
       FROM added WHERE amends_id IS NULL GROUP BY person_id ORDER BY person_id
     ON CONFLICT (person_id) DO UPDATE SET
       last_seen_at = GREATEST(pc.last_seen_at, excluded.last_seen_at),
       last_home_visit_at = GREATEST(pc.last_home_visit_at, excluded.last_home_visit_at);
     IF EXISTS (SELECT FROM added WHERE amends_id IS NOT NULL) THEN
       PERFORM person_care_refresh(ARRAY(SELECT DISTINCT person_id FROM added WHERE amends_id IS NOT NULL));
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER person_care_encounters AFTER INSERT ON encounters
     REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION person_care_encounters_added()`,

  `CREATE FUNCTION person_care_classifications_added() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO person_care AS pc (person_id, dispensary_group, classified_on, classification_recorded_at,
                                    chronic_conditions)
     SELECT DISTINCT ON (person_id) person_id, dispensary_group, classified_on, recorded_at, chronic_conditions
       FROM added ORDER BY person_id, classified_on DESC, recorded_at DESC
     ON CONFLICT (person_id) DO UPDATE SET
       dispensary_group = excluded.dispensary_group,
       classified_on = excluded.classified_on,
       classification_recorded_at = excluded.classification_recorded_at,
       chronic_conditions = excluded.chronic_conditions
     WHERE pc.classified_on IS NULL
        OR (pc.classified_on, pc.classification_recorded_at)
           < (excluded.classified_on, excluded.classification_recorded_at);
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER person_care_classifications AFTER INSERT ON classifications
     REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION person_care_classifications_added()`,

  // What was recorded before the table existed.
  `SELECT person_care_refresh(ARRAY(
     SELECT person_id FROM encounters UNION SELECT person_id FROM classifications))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
