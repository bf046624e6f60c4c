import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { TIME_ZONE } from '../../shared/time';
import { addDays, addYears } from './calendar';
import type { ImmunizationRow } from './immunization.repository';
import { standingDoses } from './immunization.repository';
import type { GivenDose } from './immunization.rules';
import { CHILD_AGE_YEARS, type WorklistFacts } from './worklist.rules';

/** How far back the worklist looks for encounters: enough for "seen in 90 days" and "visited this year". */
const LOOK_BACK_DAYS = 400;

function livingAtPost(db: Db, facilityId: string) {
  return db
    .selectFrom('persons as p')
    .where('p.facility_id', '=', facilityId)
    .where('p.vital_status', '=', 'alive')
    .where('p.merged_into', 'is', null);
}

/** The facts a post's worklist is computed from, read in a handful of queries. */
export async function readWorklistFacts(
  db: Db,
  facilityId: string,
  today: string,
): Promise<Omit<WorklistFacts, 'schedule'>> {
  const since = addDays(today, -LOOK_BACK_DAYS);
  const childFrom = addYears(today, -CHILD_AGE_YEARS);
  const [persons, households, classifications, encounters, pregnancies, doses] = await Promise.all([
    livingAtPost(db, facilityId)
      .select(['p.id', 'p.first_names', 'p.last_names', 'p.sex', 'p.birth_date', 'p.household_id', 'p.relationship'])
      .select(sql<string>`(p.created_at AT TIME ZONE ${TIME_ZONE})::date::text`.as('registered_on'))
      .execute(),
    db
      .selectFrom('households')
      .select(['id', 'address', 'registered_on'])
      .where('facility_id', '=', facilityId)
      .execute(),
    livingAtPost(db, facilityId)
      .innerJoin('classifications as c', 'c.person_id', 'p.id')
      .distinctOn('c.person_id')
      .select(['c.person_id', 'c.dispensary_group', 'c.classified_on', 'c.chronic_conditions'])
      .orderBy('c.person_id')
      .orderBy('c.classified_on', 'desc')
      .orderBy('c.recorded_at', 'desc')
      .execute(),
    // Only encounters that stand: not voided, not replaced by a correction.
    livingAtPost(db, facilityId)
      .innerJoin('encounters as e', 'e.person_id', 'p.id')
      .select('e.person_id')
      .select(sql<string>`(max(e.occurred_at) AT TIME ZONE ${TIME_ZONE})::date::text`.as('last_seen_on'))
      .select(
        sql<
          string | null
        >`(max(e.occurred_at) FILTER (WHERE e.setting = 'home_visit') AT TIME ZONE ${TIME_ZONE})::date::text`.as(
          'last_home_visit_on',
        ),
      )
      .where('e.occurred_at', '>=', new Date(`${since}T00:00:00Z`))
      .where((eb) => eb.or([eb('e.amendment', 'is', null), eb('e.amendment', '=', 'correction')]))
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('encounters as a').select('a.id').whereRef('a.amends_id', '=', 'e.id'))),
      )
      .groupBy('e.person_id')
      .execute(),
    livingAtPost(db, facilityId)
      .innerJoin('pregnancies as g', 'g.person_id', 'p.id')
      .leftJoin('prenatal_controls as c', 'c.pregnancy_id', 'g.id')
      .distinctOn('g.id')
      .select([
        'g.id',
        'g.person_id',
        'g.last_menstrual_period',
        'g.expected_delivery',
        'g.registered_on',
        'g.risk',
        'c.control_on',
        'c.gestational_weeks',
      ])
      .where('g.ended_on', 'is', null)
      .orderBy('g.id')
      .orderBy('c.control_on', (ob) => ob.desc().nullsLast())
      .orderBy('c.id', 'desc')
      .execute(),
    livingAtPost(db, facilityId)
      .innerJoin('immunizations as i', 'i.person_id', 'p.id')
      .selectAll('i')
      .where('p.birth_date', '>', childFrom)
      .execute(),
  ]);
  return {
    today,
    persons: persons.map((p) => ({
      id: p.id,
      name: `${p.first_names} ${p.last_names}`,
      sex: p.sex,
      birthDate: p.birth_date,
      householdId: p.household_id,
      isHead: p.relationship === 'head',
      registeredOn: p.registered_on,
    })),
    households: households.map((h) => ({ id: h.id, address: h.address, registeredOn: h.registered_on })),
    classifications: new Map(
      classifications.map((c) => [
        c.person_id,
        { group: c.dispensary_group, classifiedOn: c.classified_on, chronicConditions: c.chronic_conditions },
      ]),
    ),
    lastSeen: new Map(
      encounters.map((e) => [e.person_id, { lastSeenOn: e.last_seen_on, lastHomeVisitOn: e.last_home_visit_on }]),
    ),
    pregnancies: pregnancies.map((g) => ({
      id: g.id,
      personId: g.person_id,
      lastMenstrualPeriod: g.last_menstrual_period,
      expectedDelivery: g.expected_delivery,
      registeredOn: g.registered_on,
      risk: g.risk,
      lastControl:
        g.control_on && g.gestational_weeks !== null
          ? { controlOn: g.control_on, gestationalWeeks: g.gestational_weeks }
          : null,
    })),
    doses: dosesByPerson(doses as ImmunizationRow[]),
  };
}

function dosesByPerson(rows: ImmunizationRow[]): Map<string, GivenDose[]> {
  const byPerson = new Map<string, ImmunizationRow[]>();
  for (const row of rows) byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), row]);
  return new Map(
    [...byPerson].map(([personId, own]) => [
      personId,
      standingDoses(own).map((r) => ({ vaccineCode: r.vaccine_code, doseNumber: r.dose_number, givenOn: r.given_on })),
    ]),
  );
}
