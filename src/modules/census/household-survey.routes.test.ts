import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { censusSnapshot, createCensusWorld, householdOfFour, type CensusWorld } from './census.fixtures';

let w: CensusWorld;
let householdId: string;

const CONDITIONS = {
  waterSource: 'well',
  sanitation: 'latrine',
  electricity: 'grid',
  floor: 'earth',
  wasteDisposal: 'burned',
  rooms: 1,
};

/** A household of four whose living conditions are left for a later visit. */
function notSurveyed(overrides: Record<string, unknown> = {}) {
  const {
    waterSource: _w,
    sanitation: _s,
    electricity: _e,
    floor: _f,
    wasteDisposal: _d,
    vectors: _v,
    rooms: _r,
    ...rest
  } = householdOfFour(overrides);
  return rest;
}

beforeAll(async () => {
  w = await createCensusWorld();
});
afterAll(() => w.t.close());

describe('a household whose living conditions nobody surveyed yet', () => {
  it('is registered without its conditions, which then read as not surveyed, neither good nor bad', async () => {
    const response = await w.doctor.post(`/api/posts/${w.postId}/households`, notSurveyed({ address: 'Vereda 4' }));
    expect(response.statusCode, response.body).toBe(201);
    householdId = response.json().id;
    expect(response.json()).toMatchObject({
      conditionsSurveyed: false,
      waterSource: null,
      sanitation: null,
      electricity: null,
      floor: null,
      wasteDisposal: null,
      vectors: null,
      rooms: null,
      overcrowding: null,
    });
    const person = await w.doctor.get(`/api/persons/${response.json().members[0].id}`);
    expect(person.json().household).toMatchObject({ conditionsSurveyed: false, overcrowding: null, rooms: null });
  });

  it("is counted apart in the post's census, and not as overcrowded or not", async () => {
    await w.doctor.post(`/api/posts/${w.postId}/households`, householdOfFour({ address: 'Vereda 5', rooms: 1 }));
    const census = (await w.doctor.get(`/api/posts/${w.postId}/census`)).json();
    expect(census).toMatchObject({ households: 2, householdsNotSurveyed: 1 });
    const byAddress = Object.fromEntries(census.householdPage.items.map((h: { address: string }) => [h.address, h]));
    expect(byAddress['Vereda 4']).toMatchObject({ conditionsSurveyed: false, rooms: null, overcrowding: null });
    expect(byAddress['Vereda 5']).toMatchObject({
      conditionsSurveyed: true,
      rooms: 1,
      overcrowding: { personsPerRoom: 4, critical: true },
    });
  });

  it("waits on the post's worklist for a census visit since the day it was registered", async () => {
    const worklist = (await w.doctor.get(`/api/posts/${w.postId}/worklist?kind=household_not_surveyed`)).json();
    expect(worklist.counts.household_not_surveyed).toBe(1);
    expect(worklist.items).toEqual([
      expect.objectContaining({
        kind: 'household_not_surveyed',
        householdId,
        personId: null,
        name: 'Vereda 4',
        detail: { address: 'Vereda 4', members: 4 },
      }),
    ]);
  });

  it('refuses a survey that gives only some conditions, naming each one missing, and writes nothing', async () => {
    const before = await censusSnapshot(w.t);
    const partial = await w.doctor.patch(`/api/households/${householdId}`, { waterSource: 'well', rooms: 2 });
    expect(partial.statusCode).toBe(400);
    expect(partial.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'sanitation' }] });
    const register = await w.doctor.post(`/api/posts/${w.postId}/households`, {
      ...notSurveyed({ address: 'Vereda 8' }),
      sanitation: 'sewer',
      vectors: ['flies'],
    });
    expect(register.statusCode).toBe(400);
    expect(
      register
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['electricity', 'floor', 'rooms', 'wasteDisposal', 'waterSource'].sort());
    expect(await censusSnapshot(w.t)).toEqual(before);
  });

  it('is surveyed by giving every condition at once, which takes it off the worklist', async () => {
    const response = await w.doctor.patch(`/api/households/${householdId}`, CONDITIONS);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      conditionsSurveyed: true,
      waterSource: 'well',
      vectors: [],
      rooms: 1,
      overcrowding: { personsPerRoom: 4, critical: true },
    });
    const worklist = (await w.doctor.get(`/api/posts/${w.postId}/worklist?kind=household_not_surveyed`)).json();
    expect(worklist.items).toEqual([]);
    // Once surveyed, a condition is amended on its own as before.
    const amended = await w.doctor.patch(`/api/households/${householdId}`, { rooms: 2 });
    expect(amended.json()).toMatchObject({ rooms: 2, overcrowding: { personsPerRoom: 2, critical: false } });
  });

  it('cannot be stored with only some of its conditions, whoever writes the row', async () => {
    const post = await w.t.storage.db
      .selectFrom('facilities')
      .select(['state_code'])
      .where('id', '=', w.postId)
      .executeTakeFirstOrThrow();
    await expect(
      sql`INSERT INTO households (id, facility_id, state_code, parish_code, address, water_source, registered_on,
                                  registered_by, created_at, updated_at)
          VALUES (${newId()}, ${w.postId}, ${post.state_code}, 'VE-A-01-22', 'Vereda 9', 'well', '2026-01-01',
                  'test', now(), now())`.execute(w.t.storage.db),
    ).rejects.toMatchObject({ constraint: 'households_conditions_surveyed_together' });
  });
});
