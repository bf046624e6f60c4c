import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { TIME_ZONE } from '../../shared/time';
import { addDays } from '../care/calendar';
import type { WorklistItem } from '../care/worklist.rules';

/** A result stays on the ordering post's worklist this long at most, if the patient is not seen sooner. */
export const RESULT_SHOWN_DAYS = 30;

/**
 * Results of the exams a post ordered, for its doctor to read: reported in the last 30 days and
 * not yet followed by an encounter of the person at the post. Seeing the patient after the result
 * came back is what takes it off the list; nothing has to be marked (docs/decisions/0009).
 */
export async function examResultWorklistItems(db: Db, facilityId: string, today: string): Promise<WorklistItem[]> {
  const since = new Date(`${addDays(today, -RESULT_SHOWN_DAYS)}T00:00:00-04:00`);
  const rows = await db
    .selectFrom('exam_orders as o')
    .innerJoin('exam_results as r', 'r.order_id', 'o.id')
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .innerJoin('facilities as f', 'f.id', 'o.facility_id')
    .innerJoin('service_catalog as s', 's.code', 'o.exam_code')
    .select(['o.id', 'o.person_id', 'o.exam_code', 'r.abnormal', 'p.household_id', 'p.first_names', 'p.last_names'])
    .select(['f.name as facility_name', 's.name_es as exam_name'])
    .select(sql<string>`(r.reported_at AT TIME ZONE ${TIME_ZONE})::date::text`.as('reported_on'))
    .where('o.ordering_facility_id', '=', facilityId)
    .where('r.reported_at', '>=', since)
    .where('p.vital_status', '=', 'alive')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('encounters as e')
            .select('e.id')
            .whereRef('e.person_id', '=', 'o.person_id')
            .where('e.facility_id', '=', facilityId)
            .whereRef('e.occurred_at', '>', 'r.reported_at'),
        ),
      ),
    )
    .orderBy('r.reported_at')
    .execute();
  return rows.map((row) => ({
    kind: 'exam_result_to_read' as const,
    personId: row.person_id,
    householdId: row.household_id,
    name: `${row.first_names} ${row.last_names}`,
    dueOn: row.reported_on,
    detail: {
      examId: row.id,
      examCode: row.exam_code,
      examName: row.exam_name,
      facilityName: row.facility_name,
      abnormal: row.abnormal,
    },
  }));
}
