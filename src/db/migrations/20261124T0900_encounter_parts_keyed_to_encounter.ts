import { sql, type Kysely } from 'kysely';

/**
 * A diagnosis or prescription carries its encounter's person, post and state, copied so that
 * reports read them without a join. Each of the four was checked on its own against its table:
 * four lookups a row, twelve for an encounter with one of each. Now the four are one key into the
 * encounter, which holds all four already checked: one lookup a row, and a diagnosis can no longer
 * name another person or post than its encounter. The encounter gains the unique key that such a
 * reference needs; its id alone stays the primary key.
 */
const statements = [
  `ALTER TABLE encounters ADD CONSTRAINT encounters_place_key UNIQUE (id, person_id, facility_id, state_code)`,
  ...['encounter_diagnoses', 'prescriptions'].map(
    (table) =>
      `ALTER TABLE ${table}
         DROP CONSTRAINT ${table}_encounter_id_fkey, DROP CONSTRAINT ${table}_person_id_fkey,
         DROP CONSTRAINT ${table}_facility_id_fkey, DROP CONSTRAINT ${table}_state_code_fkey,
         ADD CONSTRAINT ${table}_encounter_fkey FOREIGN KEY (encounter_id, person_id, facility_id, state_code)
           REFERENCES encounters (id, person_id, facility_id, state_code)`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
