import { sql, type Kysely } from 'kysely';

/**
 * Exams ordered from a post and walk-in emergencies. Whether a facility has a person in its care
 * is asked of exam orders and emergency attentions by person (docs/decisions/0009); a post reads
 * the results of the exams it ordered on its worklist.
 */
const statements = [
  `CREATE INDEX emergency_attentions_person ON emergency_attentions (person_id, facility_id)`,
  `CREATE INDEX exam_orders_ordering ON exam_orders (ordering_facility_id, ordered_at)`,
  `CREATE INDEX deliveries_pregnancy ON deliveries (pregnancy_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
