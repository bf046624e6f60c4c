import { sql, type Kysely } from 'kysely';

/**
 * Each person's standing doses kept in `person_care` too (migration `…_person_care`, decision
 * 0006): one JSON array of `[vaccine, dose number, date]`, sorted, of the doses that are neither
 * an "entered in error" row nor voided by one. A post's worklist reads its children's vaccination
 * cards with the persons instead of looking for every child's doses at every request.
 *
 * A new dose is added to the array (kept sorted, so the array is the same whatever order the
 * doses came in); a dose marked entered in error rebuilds its person's array from the doses that
 * stand. `person_care_refresh(ids)` now rebuilds the doses as well.
 */
const STANDING_DOSES = `
  SELECT jsonb_agg(jsonb_build_array(i.vaccine_code, i.dose_number, i.given_on) ORDER BY
                   jsonb_build_array(i.vaccine_code, i.dose_number, i.given_on))
    FROM immunizations i
   WHERE i.person_id = p.id AND i.amends_id IS NULL
     AND NOT EXISTS (SELECT FROM immunizations v WHERE v.amends_id = i.id)`;

const statements = [
  `ALTER TABLE person_care ADD COLUMN standing_doses jsonb`,

  `CREATE FUNCTION person_care_refresh_doses(ids uuid[]) RETURNS void LANGUAGE sql AS $$
     INSERT INTO person_care AS pc (person_id, standing_doses)
     SELECT p.id, (${STANDING_DOSES}) FROM unnest(ids) AS p (id) ORDER BY p.id
     ON CONFLICT (person_id) DO UPDATE SET standing_doses = excluded.standing_doses
   $$`,

  `CREATE OR REPLACE FUNCTION person_care_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
     INSERT INTO person_care AS pc (person_id, last_seen_at, last_home_visit_at, dispensary_group,
                                    classified_on, classification_recorded_at, chronic_conditions,
                                    standing_doses)
     SELECT p.id, s.occurred_at, h.occurred_at, c.dispensary_group, c.classified_on, c.recorded_at,
            c.chronic_conditions, (${STANDING_DOSES})
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
       chronic_conditions = excluded.chronic_conditions,
       standing_doses = excluded.standing_doses
   $$`,

  `CREATE FUNCTION person_care_immunizations_added() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO person_care AS pc (person_id, standing_doses)
     SELECT person_id, jsonb_agg(jsonb_build_array(vaccine_code, dose_number, given_on))
       FROM added WHERE amends_id IS NULL GROUP BY person_id ORDER BY person_id
     ON CONFLICT (person_id) DO UPDATE SET standing_doses = (
       SELECT jsonb_agg(d ORDER BY d)
         FROM jsonb_array_elements(coalesce(pc.standing_doses, '[]') || excluded.standing_doses) d);
     IF EXISTS (SELECT FROM added WHERE amends_id IS NOT NULL) THEN
       PERFORM person_care_refresh_doses(ARRAY(SELECT DISTINCT person_id FROM added WHERE amends_id IS NOT NULL));
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER person_care_immunizations AFTER INSERT ON immunizations
     REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION person_care_immunizations_added()`,

  // What was recorded before.
  `SELECT person_care_refresh_doses(ARRAY(SELECT DISTINCT person_id FROM immunizations))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
