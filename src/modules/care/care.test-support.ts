import { sql } from 'kysely';
import { newId } from '../../db/ids';
import { todayLocal } from '../../shared/time';
import { createTestApp, seedUser, type TestContext } from '../../test/harness';
import { loginAs, type Client } from '../../test/http';
import { writeLedgered, readLedgerState } from '../integrity/ledger.repository';
import { personSearchName } from '../census/person.rules';
import { addDays, addYears } from './calendar';

/**
 * A small network for care tests: two posts in Sucre (Catia), a family doctor at each, and
 * households written straight to the database (on the ledger) so that care tests do not depend on
 * the census forms.
 */
export interface CareWorld {
  t: TestContext;
  /** family doctor at post A */
  doctor: Client;
  /** family doctor at post B, same parish */
  neighbour: Client;
  postId: string;
  otherPostId: string;
}

export async function createCareWorld(): Promise<CareWorld> {
  const t = await createTestApp();
  await seedUser(t.storage, 'admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
  const admin = await loginAs(t.app, 'admin');
  const post = async (code: string, name: string) => {
    const response = await admin.post('/api/facilities', {
      code,
      name,
      kind: 'consultorio_popular',
      parishCode: 'VE-A-01-22',
      status: 'operating',
    });
    if (response.statusCode !== 201) throw new Error(`facility: ${response.statusCode} ${response.body}`);
    return response.json().id as string;
  };
  const postId = await post('VE-A-CP-0201', 'Consultorio Popular Los Frailes');
  const otherPostId = await post('VE-A-CP-0202', 'Consultorio Popular Nueva Caracas');
  await seedUser(t.storage, 'dra-medina', [{ role: 'facility_clinician', facilityId: postId }]);
  await seedUser(t.storage, 'dr-salazar', [{ role: 'facility_clinician', facilityId: otherPostId }]);
  return {
    t,
    doctor: await loginAs(t.app, 'dra-medina'),
    neighbour: await loginAs(t.app, 'dr-salazar'),
    postId,
    otherPostId,
  };
}

export interface Member {
  firstNames: string;
  lastNames: string;
  sex: 'F' | 'M';
  birthDate: string;
  relationship?: string;
}

/** Writes a household with one family and its members at a post, on the ledger; returns their ids. */
export async function seedHousehold(
  t: TestContext,
  facilityId: string,
  members: Member[],
  options: { address?: string; registeredOn?: string } = {},
): Promise<{ householdId: string; familyId: string; personIds: string[] }> {
  const householdId = newId();
  const familyId = newId();
  const now = new Date();
  const place = { facility_id: facilityId, state_code: 'VE-A' };
  const personIds = members.map(() => newId());
  await t.storage.db.transaction().execute(async (tx) => {
    await writeLedgered(
      tx,
      'system',
      'create',
      'households',
      tx
        .insertInto('households')
        .values({
          id: householdId,
          ...place,
          parish_code: 'VE-A-01-22',
          sector_id: null,
          address: options.address ?? 'Calle Los Frailes, casa 3',
          latitude: null,
          longitude: null,
          water_source: 'piped_inside',
          sanitation: 'sewer',
          electricity: 'grid',
          floor: 'tile_or_cement',
          rooms: 3,
          waste_disposal: 'collected',
          vectors: [],
          registered_on: options.registeredOn ?? todayLocal(),
          registered_by: 'system',
          created_at: now,
          updated_at: now,
        })
        .returningAll(),
    );
    await writeLedgered(
      tx,
      'system',
      'create',
      'families',
      tx
        .insertInto('families')
        .values({ id: familyId, household_id: householdId, ...place, name: 'Familia', created_at: now })
        .returningAll(),
    );
    await writeLedgered(
      tx,
      'system',
      'create',
      'persons',
      tx
        .insertInto('persons')
        .values(
          members.map((m, i) => ({
            id: personIds[i]!,
            household_id: householdId,
            family_id: familyId,
            ...place,
            first_names: m.firstNames,
            last_names: m.lastNames,
            search_name: personSearchName(m.firstNames, m.lastNames),
            sex: m.sex,
            birth_date: m.birthDate,
            national_id: null,
            relationship: m.relationship ?? (i === 0 ? 'head' : 'other_relative'),
            vital_status: 'alive' as const,
            died_on: null,
            merged_into: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .returningAll(),
    );
  });
  return { householdId, familyId, personIds };
}

/** A date `days` from today (Caracas), negative for the past. */
export function daysFromToday(days: number): string {
  return addDays(todayLocal(), days);
}

/** The birth date of someone `years` old today, less `days` more. */
export function bornYearsAgo(years: number, days = 0): string {
  return addDays(addYears(todayLocal(), -years), -days);
}

/** The ledger head and the number of rows of the care tables, to prove a refusal wrote nothing. */
export async function careSnapshot(t: TestContext) {
  const db = t.storage.db;
  const head = await readLedgerState(db);
  const tables = [
    'encounters',
    'encounter_diagnoses',
    'prescriptions',
    'immunizations',
    'pregnancies',
    'prenatal_controls',
    'births',
    'deaths',
    'persons',
  ] as const;
  const counts = {} as Record<(typeof tables)[number], number>;
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db);
    counts[table] = rows[0]!.n;
  }
  const dead = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('vital_status', '=', 'dead')
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash, ...counts, dead: Number(dead.n) };
}

/** The latest entry of the denied-access log. */
export async function latestDenial(t: TestContext) {
  return t.storage.db.selectFrom('access_denials').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}

/** Writes a dispensarization of a person at a post, on the ledger. */
export async function seedClassification(
  t: TestContext,
  facilityId: string,
  personId: string,
  group: number,
  classifiedOn: string,
  chronicConditions: string[] = group === 3 ? ['I10'] : [],
) {
  await t.storage.db.transaction().execute((tx) =>
    writeLedgered(
      tx,
      'system',
      'create',
      'classifications',
      tx
        .insertInto('classifications')
        .values({
          id: newId(),
          person_id: personId,
          facility_id: facilityId,
          state_code: 'VE-A',
          dispensary_group: group,
          classified_on: classifiedOn,
          classified_by: 'system',
          risk_factors: group === 2 ? ['smoking'] : [],
          chronic_conditions: chronicConditions,
          disabilities: [],
          notes: null,
          recorded_at: new Date(),
        })
        .returningAll(),
    ),
  );
}
