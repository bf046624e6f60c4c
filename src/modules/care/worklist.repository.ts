import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { TIME_ZONE } from '../../shared/time';
import { addYears } from './calendar';
import { CHILD_AGE_YEARS, type WorklistFacts } from './worklist.rules';

function livingAtPost(db: Db, facilityId: string) {
  return db
    .selectFrom('persons as p')
    .where('p.facility_id', '=', facilityId)
    .where('p.vital_status', '=', 'alive')
    .where('p.merged_into', 'is', null);
}

/**
 * The rows of a query, read as one JSON array of objects (`json_agg`) rather than row by row: on
 * the embedded database every value of a result is decoded on its own, at one or two microseconds
 * a value, while one JSON text goes to the JavaScript parser whole. A post's 1,200 persons, seven
 * columns each, took 13–14 ms as rows and 8–10 ms as one value. Columns come back as JSON gives
 * them: dates as `YYYY-MM-DD` text (as the row parsers give them), arrays as arrays, numbers as
 * numbers; a timestamp would come back as text, so none is read this way.
 */
async function readAsOneValue<DB, TB extends keyof DB, O>(db: Db, query: SelectQueryBuilder<DB, TB, O>): Promise<O[]> {
  const row = await db
    .selectFrom(query.as('q'))
    .select(sql<O[] | null>`json_agg(q)`.as('rows'))
    .executeTakeFirst();
  return row?.rows ?? [];
}

/**
 * The facts a post's worklist is computed from, read in a handful of queries. Each asks for the
 * few columns the rules read, and the larger ones come as one JSON value (`readAsOneValue`): on
 * the embedded database decoding a result costs about a microsecond a value, and a post's
 * vaccination cards alone are some five thousand doses. When each person was last seen and last
 * visited at home, and their latest classification, come with the person from `person_care`,
 * which the database keeps as encounters and classifications are written (decision 0006).
 */
export async function readWorklistFacts(
  db: Db,
  facilityId: string,
  today: string,
): Promise<Omit<WorklistFacts, 'schedule'>> {
  const childFrom = addYears(today, -CHILD_AGE_YEARS);
  const onDate = (column: string) => sql<string | null>`(${sql.ref(column)} AT TIME ZONE ${TIME_ZONE})::date::text`;
  const [persons, households, pregnancies, doses] = await Promise.all([
    readAsOneValue(
      db,
      livingAtPost(db, facilityId)
        .leftJoin('person_care as c', 'c.person_id', 'p.id')
        .select(['p.id', 'p.sex', 'p.birth_date', 'p.household_id'])
        .select(sql<string>`p.first_names || ' ' || p.last_names`.as('name'))
        .select(sql<boolean>`p.relationship = 'head'`.as('is_head'))
        .select(sql<string>`(p.created_at AT TIME ZONE ${TIME_ZONE})::date::text`.as('registered_on'))
        .select([onDate('c.last_seen_at').as('last_seen_on'), onDate('c.last_home_visit_at').as('last_home_visit_on')])
        .select(['c.dispensary_group', 'c.classified_on', 'c.chronic_conditions']),
    ),
    readAsOneValue(
      db,
      db
        .selectFrom('households')
        .select(['id', 'address', 'registered_on'])
        .select(sql<boolean>`water_source IS NOT NULL`.as('conditions_surveyed'))
        .where('facility_id', '=', facilityId),
    ),
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
    readStandingDoses(db, facilityId, childFrom),
  ]);
  return {
    today,
    persons: persons.map((p) => ({
      id: p.id,
      name: p.name,
      sex: p.sex,
      birthDate: p.birth_date,
      householdId: p.household_id,
      isHead: p.is_head,
      registeredOn: p.registered_on,
    })),
    households: households.map((h) => ({
      id: h.id,
      address: h.address,
      registeredOn: h.registered_on,
      conditionsSurveyed: h.conditions_surveyed,
    })),
    classifications: new Map(
      persons.flatMap((p) =>
        p.dispensary_group === null || p.classified_on === null
          ? []
          : [
              [
                p.id,
                {
                  group: p.dispensary_group,
                  classifiedOn: p.classified_on,
                  chronicConditions: p.chronic_conditions ?? [],
                },
              ],
            ],
      ),
    ),
    lastSeen: new Map(
      persons
        .filter((p) => p.last_seen_on !== null)
        .map((p) => [p.id, { lastSeenOn: p.last_seen_on, lastHomeVisitOn: p.last_home_visit_on }]),
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
    doses: new Map(
      doses.map((d) => [
        d.person_id,
        d.doses.map(([vaccineCode, doseNumber, givenOn]) => ({ vaccineCode, doseNumber, givenOn })),
      ]),
    ),
  };
}

/**
 * The doses that stand (the rule of `standingDoses`: neither an "entered in error" row nor a dose
 * voided by one) of the post's living children born after `childFrom`, one row per child with
 * its doses as one JSON array of [vaccine, dose number, date]: a tenth of the rows of a row per
 * dose, and read by the JSON parser rather than the slower one for PostgreSQL arrays. The rules
 * need no order among a child's doses.
 */
function readStandingDoses(db: Db, facilityId: string, childFrom: string) {
  return livingAtPost(db, facilityId)
    .innerJoinLateral(
      // Child by child through the (person, vaccine) index: joining the whole table instead let
      // the planner read every dose of the network.
      (eb) =>
        eb
          .selectFrom('immunizations as i')
          .select(
            sql<
              [string, number, string][] | null
            >`json_agg(json_build_array(i.vaccine_code, i.dose_number, i.given_on))`.as('doses'),
          )
          .whereRef('i.person_id', '=', 'p.id')
          .where('i.amends_id', 'is', null)
          .where((w) =>
            w.not(w.exists(w.selectFrom('immunizations as v').select('v.id').whereRef('v.amends_id', '=', 'i.id'))),
          )
          .as('d'),
      (join) => join.onTrue(),
    )
    .select(['p.id as person_id', 'd.doses'])
    .where('p.birth_date', '>', childFrom)
    .where('d.doses', 'is not', null)
    .$narrowType<{ doses: [string, number, string][] }>()
    .execute();
}
