import { sql, type SelectQueryBuilder } from 'kysely';
import { isEmbedded, type Db } from '../../db/database';
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
 * The rows of a query, read the cheaper way for the engine. On the embedded database they come as
 * one JSON array of objects (`json_agg`) rather than row by row: there every value of a result is
 * decoded on its own, at one or two microseconds a value, while one JSON text goes to the
 * JavaScript parser whole. A post's 1,200
 * persons with their care summary took 34–39 ms as rows and 17 ms as one value. On a PostgreSQL
 * server it is the other way round: building the JSON costs the server more than the driver's
 * row parsing costs Node (the same persons, 9–12 ms as rows against 22–33 ms as one value), so
 * there the rows are read as they are. Columns come back alike either way: dates as `YYYY-MM-DD`
 * text (as the row parsers give them), arrays as arrays, numbers as numbers; a timestamp would
 * come back as text from JSON, so none is read this way.
 */
async function readManyRows<DB, TB extends keyof DB, O>(db: Db, query: SelectQueryBuilder<DB, TB, O>): Promise<O[]> {
  if (!isEmbedded(db)) return query.execute() as Promise<O[]>;
  const row = await db
    .selectFrom(query.as('q'))
    .select(sql<O[] | null>`json_agg(q)`.as('rows'))
    .executeTakeFirst();
  return row?.rows ?? [];
}

/**
 * The facts a post's worklist is computed from, read in a handful of queries. Each asks for the
 * few columns the rules read, and on the embedded database the larger ones come as one JSON value
 * (`readManyRows`): there decoding a result costs about a microsecond a value, and a post's
 * vaccination cards alone are some five thousand doses. When each person was last seen and last
 * visited at home, their latest classification and, for a child, the doses that stand (the rule of
 * `standingDoses`: neither an "entered in error" row nor a dose voided by one) come with the person
 * from `person_care`, which the database keeps as encounters, classifications and doses are
 * written (decision 0006).
 */
export async function readWorklistFacts(
  db: Db,
  facilityId: string,
  today: string,
): Promise<Omit<WorklistFacts, 'schedule'>> {
  const childFrom = addYears(today, -CHILD_AGE_YEARS);
  const onDate = (column: string) => sql<string | null>`(${sql.ref(column)} AT TIME ZONE ${TIME_ZONE})::date::text`;
  const [persons, households, pregnancies] = await Promise.all([
    readManyRows(
      db,
      livingAtPost(db, facilityId)
        // Person by person through the key: joined as a whole, the server read every person's row
        // of the network to keep the post's.
        .leftJoinLateral(
          (eb) => eb.selectFrom('person_care').selectAll().whereRef('person_id', '=', 'p.id').limit(1).as('c'),
          (join) => join.onTrue(),
        )
        .select(['p.id', 'p.sex', 'p.birth_date', 'p.household_id'])
        .select(sql<string>`p.first_names || ' ' || p.last_names`.as('name'))
        .select(sql<boolean>`p.relationship = 'head'`.as('is_head'))
        .select(sql<string>`(p.created_at AT TIME ZONE ${TIME_ZONE})::date::text`.as('registered_on'))
        .select([onDate('c.last_seen_at').as('last_seen_on'), onDate('c.last_home_visit_at').as('last_home_visit_on')])
        .select(['c.dispensary_group', 'c.classified_on', 'c.chronic_conditions'])
        .select(
          sql<[string, number, string][] | null>`CASE WHEN p.birth_date > ${childFrom} THEN c.standing_doses END`.as(
            'doses',
          ),
        ),
    ),
    readManyRows(
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
      persons.flatMap((p) =>
        p.doses === null
          ? []
          : [[p.id, p.doses.map(([vaccineCode, doseNumber, givenOn]) => ({ vaccineCode, doseNumber, givenOn }))]],
      ),
    ),
  };
}
