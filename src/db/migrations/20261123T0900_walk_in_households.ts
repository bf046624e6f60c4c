import { sql, type Kysely } from 'kysely';

/**
 * Households whose living conditions nobody has surveyed yet, so that an emergency room can
 * register a person brought in with no record (docs/decisions/0009): the conditions are all
 * surveyed together or all left empty, never a part of them; where such a person lives may be
 * unknown (no parish, no address). A birth date may be an estimate from the age the person
 * seems to have. The new column is nullable and nothing is filled in, so no stored row changes
 * and no ledger hash moves (nulls are stripped before hashing: decision 0001).
 */
const statements = [
  `ALTER TABLE households
     ALTER COLUMN parish_code DROP NOT NULL,
     ALTER COLUMN address DROP NOT NULL,
     ALTER COLUMN water_source DROP NOT NULL,
     ALTER COLUMN sanitation DROP NOT NULL,
     ALTER COLUMN electricity DROP NOT NULL,
     ALTER COLUMN floor DROP NOT NULL,
     ALTER COLUMN rooms DROP NOT NULL,
     ALTER COLUMN waste_disposal DROP NOT NULL,
     ALTER COLUMN vectors DROP NOT NULL`,
  `ALTER TABLE households ADD CONSTRAINT households_conditions_surveyed_together
     CHECK (num_nulls(water_source, sanitation, electricity, floor, rooms, waste_disposal, vectors) IN (0, 7))`,
  `ALTER TABLE persons ADD COLUMN birth_date_estimated boolean`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
