import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bornYearsAgo,
  createCareWorld,
  daysFromToday,
  seedClassification,
  seedHousehold,
  type CareWorld,
} from './care.test-support';

// `person_care` is kept by triggers as encounters and classifications are written; these tests
// write through the API, amendments included, and compare what was kept with what
// `person_care_refresh` rebuilds from the records themselves.

let w: CareWorld;
let ana: string;
let beto: string;
let carla: string;
let dani: string;

const at = (daysAgo: number, hour = 15) => {
  const date = new Date(`${daysFromToday(-daysAgo)}T00:00:00Z`);
  date.setUTCHours(hour);
  // A visit of today happened already: before 15:00 UTC that hour is still to come.
  return new Date(Math.min(date.getTime(), Date.now() - 60_000)).toISOString();
};

async function visit(personId: string, setting: 'home_visit' | 'post', daysAgo: number) {
  const response = await w.doctor.post(`/api/persons/${personId}/encounters`, {
    setting,
    occurredAt: at(daysAgo),
    reason: 'Control',
    vitals: { systolic: 130, diastolic: 80 },
    diagnoses: [{ code: 'I10' }],
    outcome: 'resolved',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function amend(id: string, body: object) {
  const response = await w.doctor.post(`/api/encounters/${id}/amendments`, body);
  expect(response.statusCode, response.body).toBe(201);
}

interface Kept {
  person_id: string;
  last_seen_on: string | null;
  last_home_visit_on: string | null;
  dispensary_group: number | null;
  classified_on: string | null;
  standing_doses: [string, number, string][] | null;
}

async function kept(): Promise<Kept[]> {
  const { rows } = await sql<Kept>`
    SELECT person_id::text,
           (last_seen_at AT TIME ZONE 'America/Caracas')::date::text AS last_seen_on,
           (last_home_visit_at AT TIME ZONE 'America/Caracas')::date::text AS last_home_visit_on,
           dispensary_group, classified_on::text, classification_recorded_at::text AS recorded,
           chronic_conditions, standing_doses
      FROM person_care ORDER BY person_id`.execute(w.t.storage.db);
  return rows;
}

async function keptFor(personId: string): Promise<Kept | undefined> {
  return (await kept()).find((row) => row.person_id === personId);
}

beforeAll(async () => {
  w = await createCareWorld();
  const { personIds } = await seedHousehold(
    w.t,
    w.postId,
    [
      { firstNames: 'Ana', lastNames: 'Rivas', sex: 'F', birthDate: bornYearsAgo(60), relationship: 'head' },
      { firstNames: 'Beto', lastNames: 'Rivas', sex: 'M', birthDate: bornYearsAgo(62), relationship: 'spouse' },
      { firstNames: 'Carla', lastNames: 'Rivas', sex: 'F', birthDate: bornYearsAgo(30), relationship: 'child' },
      { firstNames: 'Dani', lastNames: 'Rivas', sex: 'M', birthDate: daysFromToday(-40), relationship: 'grandchild' },
    ],
    { address: 'Vereda 2, casa 4', registeredOn: daysFromToday(-500) },
  );
  [ana, beto, carla, dani] = personIds as [string, string, string, string];
});
afterAll(() => w.t.close());

describe("each person's care at a glance (person_care)", () => {
  it('moves last seen forward with each encounter, and not back for one recorded late', async () => {
    await visit(ana, 'home_visit', 20);
    await visit(ana, 'post', 5);
    await visit(ana, 'home_visit', 40);
    expect(await keptFor(ana)).toMatchObject({
      last_seen_on: daysFromToday(-5),
      last_home_visit_on: daysFromToday(-20),
    });
  });

  it('falls back to the encounter before when the latest is marked entered in error', async () => {
    const latest = await visit(beto, 'home_visit', 1);
    await visit(beto, 'post', 10);
    await amend(latest, { kind: 'entered_in_error', reason: 'Otra persona' });
    expect(await keptFor(beto)).toMatchObject({ last_seen_on: daysFromToday(-10), last_home_visit_on: null });
  });

  it('takes a correction in place of the encounter it corrects, with its own date and setting', async () => {
    const original = await visit(carla, 'home_visit', 3);
    await amend(original, {
      kind: 'correction',
      reason: 'Fue en el consultorio, días antes',
      encounter: {
        setting: 'post',
        occurredAt: at(8),
        reason: 'Control',
        vitals: { systolic: 130, diastolic: 80 },
        diagnoses: [{ code: 'I10' }],
        outcome: 'resolved',
      },
    });
    expect(await keptFor(carla)).toMatchObject({ last_seen_on: daysFromToday(-8), last_home_visit_on: null });
  });

  it('keeps the latest classification by date, and by when it was recorded on the same date', async () => {
    await seedClassification(w.t, w.postId, ana, 3, daysFromToday(-30));
    await seedClassification(w.t, w.postId, ana, 2, daysFromToday(-300));
    expect(await keptFor(ana)).toMatchObject({ dispensary_group: 3, classified_on: daysFromToday(-30) });
    await seedClassification(w.t, w.postId, ana, 4, daysFromToday(-30));
    expect(await keptFor(ana)).toMatchObject({ dispensary_group: 4, classified_on: daysFromToday(-30) });
  });

  it('keeps the doses that stand, sorted, and drops one marked entered in error', async () => {
    const give = async (vaccineCode: string, doseNumber: number, givenOn: string) => {
      const response = await w.doctor.post(`/api/persons/${dani}/immunizations`, {
        vaccineCode,
        doseNumber,
        givenOn,
        lot: `${vaccineCode}-2026-01`,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const hepb = await give('HEPB', 1, daysFromToday(-39));
    await give('BCG', 1, daysFromToday(-38));
    expect((await keptFor(dani))?.standing_doses).toEqual([
      ['BCG', 1, daysFromToday(-38)],
      ['HEPB', 1, daysFromToday(-39)],
    ]);
    const voided = await w.doctor.post(`/api/immunizations/${hepb}/amendments`, {
      kind: 'entered_in_error',
      reason: 'Registrada en otro niño',
    });
    expect(voided.statusCode, voided.body).toBe(201);
    expect((await keptFor(dani))?.standing_doses).toEqual([['BCG', 1, daysFromToday(-38)]]);
  });

  it('keeps what a rebuild from the records gives, after writes sixteen at a time', async () => {
    const people = [ana, beto, carla];
    await Promise.all(
      Array.from({ length: 16 }, (_, i) => visit(people[i % 3]!, i % 2 ? 'home_visit' : 'post', (i * 7) % 50)),
    );
    const before = await kept();
    await sql`SELECT person_care_refresh(ARRAY(SELECT id FROM persons))`.execute(w.t.storage.db);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before).toEqual(await kept());
  });
});
