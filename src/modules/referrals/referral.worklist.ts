import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { TIME_ZONE } from '../../shared/time';
import { addDays } from '../care/calendar';
import type { WorklistItem } from '../care/worklist.rules';

/** A refused referral stays on the referring post's worklist this long, so that the doctor can refer elsewhere. */
export const REFUSED_SHOWN_DAYS = 30;

/**
 * The referrals a post sent that need its doctor, as worklist items: counter-referrals to read and
 * close, refusals of the last 30 days, and referrals not answered by their deadline.
 */
export async function referralWorklistItems(db: Db, facilityId: string, today: string): Promise<WorklistItem[]> {
  const since = new Date(`${addDays(today, -REFUSED_SHOWN_DAYS)}T00:00:00-04:00`);
  const rows = await db
    .selectFrom('referrals as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .innerJoin('facilities as f', 'f.id', 'r.to_facility_id')
    .innerJoin('service_catalog as s', 's.code', 'r.service_code')
    .select(['r.id', 'r.person_id', 'r.status', 'r.urgency', 'r.service_code'])
    .select(['p.household_id', 'p.first_names', 'p.last_names'])
    .select(['f.name as facility_name', 's.name_es as service_name'])
    .select(sql<string>`(r.status_at AT TIME ZONE ${TIME_ZONE})::date::text`.as('status_on'))
    .select(sql<string>`(r.answer_due_at AT TIME ZONE ${TIME_ZONE})::date::text`.as('due_on'))
    .where('r.from_facility_id', '=', facilityId)
    .where((eb) =>
      eb.or([
        eb('r.status', '=', 'counter_referred'),
        eb.and([eb('r.status', '=', 'refused'), eb('r.status_at', '>=', since)]),
        eb.and([eb('r.status', 'in', ['sent', 'received']), eb('r.answer_due_at', '<', new Date())]),
      ]),
    )
    .orderBy('r.status_at')
    .execute();
  return rows.map((row) => {
    const kind =
      row.status === 'counter_referred'
        ? ('counter_referral_received' as const)
        : row.status === 'refused'
          ? ('referral_refused' as const)
          : ('referral_overdue' as const);
    return {
      kind,
      personId: row.person_id,
      householdId: row.household_id,
      name: `${row.first_names} ${row.last_names}`,
      dueOn: kind === 'referral_overdue' ? row.due_on : row.status_on,
      detail: {
        referralId: row.id,
        facilityName: row.facility_name,
        serviceCode: row.service_code,
        serviceName: row.service_name,
        urgency: row.urgency,
      },
    };
  });
}
