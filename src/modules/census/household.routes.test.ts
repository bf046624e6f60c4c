import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { censusSnapshot, createCensusWorld, householdOfFour, lastDenial, type CensusWorld } from './census.fixtures';

let w: CensusWorld;
let householdId: string;

beforeAll(async () => {
  w = await createCensusWorld();
});
afterAll(() => w.t.close());

describe('registering a household at a post', () => {
  it('registers the household with its living conditions, one family and four members in one go', async () => {
    const before = await censusSnapshot(w.t);
    const response = await w.doctor.post(
      `/api/posts/${w.postId}/households`,
      householdOfFour({ sectorId: w.sectorId, latitude: 10.5121, longitude: -66.9442 }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const household = response.json();
    householdId = household.id;
    expect(household).toMatchObject({
      facilityId: w.postId,
      facilityName: 'Consultorio Popular Los Magallanes',
      parishCode: 'VE-A-01-22',
      sectorName: 'Los Magallanes',
      waterSource: 'piped_inside',
      vectors: ['mosquitoes'],
      rooms: 2,
      overcrowding: { personsPerRoom: 2, critical: false },
      registeredBy: 'dra-perez',
      families: [{ name: 'Familia Hernández Pérez', members: 4 }],
    });
    expect(household.members.map((m: { relationship: string }) => m.relationship)).toEqual([
      'head',
      'spouse',
      'child',
      'parent',
    ]);
    expect(household.members[2]).toMatchObject({ nationalId: null, sex: 'M', possibleDuplicate: false });
    const after = await censusSnapshot(w.t);
    expect(after).toMatchObject({
      households: before.households + 1,
      families: before.families + 1,
      persons: before.persons + 4,
      seq: before.seq + 6,
    });
  });

  it('stores national ids in one form however they are typed', async () => {
    const body = householdOfFour({ address: 'Bloque 3, Los Magallanes' });
    body.members[0]!.nationalId = 'v 23.456.789';
    const response = await w.doctor.post(`/api/posts/${w.postId}/households`, body);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().members[0].nationalId).toBe('V-23456789');
  });

  it('computes critical overcrowding when more than three people share each room', async () => {
    const response = await w.doctor.post(`/api/posts/${w.postId}/households`, householdOfFour({ rooms: 1 }));
    expect(response.json().overcrowding).toEqual({ personsPerRoom: 4, critical: true });
  });

  it('registers several families sharing one home', async () => {
    const body = householdOfFour({ families: [{ name: 'Familia Hernández' }, { name: 'Familia Pérez' }] });
    (body.members[3] as Record<string, unknown>).familyIndex = 1;
    const response = await w.doctor.post(`/api/posts/${w.postId}/households`, body);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().families).toMatchObject([
      { name: 'Familia Hernández', members: 3 },
      { name: 'Familia Pérez', members: 1 },
    ]);
  });
});

describe('changing a household', () => {
  it('amends the living conditions and recomputes overcrowding', async () => {
    const response = await w.doctor.patch(`/api/households/${householdId}`, {
      waterSource: 'tanker_truck',
      vectors: ['mosquitoes', 'rodents'],
      rooms: 1,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      waterSource: 'tanker_truck',
      sanitation: 'sewer',
      vectors: ['mosquitoes', 'rodents'],
      overcrowding: { personsPerRoom: 4, critical: true },
    });
    const entry = await w.t.storage.db
      .selectFrom('ledger')
      .select(['action', 'entity', 'record_id'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: 'update', entity: 'households', record_id: householdId });
  });

  it('adds a newcomer to the household, in its first family unless told otherwise', async () => {
    const response = await w.doctor.post(`/api/households/${householdId}/members`, {
      firstNames: 'Yusmary',
      lastNames: 'Hernández',
      sex: 'F',
      birthDate: '2001-09-09',
      relationship: 'child',
    });
    expect(response.statusCode, response.body).toBe(201);
    const household = (await w.doctor.get(`/api/households/${householdId}`)).json();
    expect(household.members).toHaveLength(5);
    expect(response.json().familyId).toBe(household.families[0].id);
  });

  it('adds a second family and a member to it', async () => {
    const family = await w.doctor.post(`/api/households/${householdId}/families`, { name: 'Familia Gómez' });
    expect(family.statusCode).toBe(201);
    const member = await w.doctor.post(`/api/households/${householdId}/members`, {
      firstNames: 'Pedro',
      lastNames: 'Gómez',
      sex: 'M',
      birthDate: '1986-02-14',
      relationship: 'other_relative',
      familyId: family.json().id,
    });
    expect(member.statusCode, member.body).toBe(201);
    const household = (await w.doctor.get(`/api/households/${householdId}`)).json();
    expect(household.families.map((f: { members: number }) => f.members)).toEqual([5, 1]);
  });

  it('moves a person to another household, keeping the move as a fact', async () => {
    const household = (await w.doctor.get(`/api/households/${householdId}`)).json();
    const pedro = household.members.find((m: { firstNames: string }) => m.firstNames === 'Pedro');
    const target = await w.doctor.post(
      `/api/posts/${w.postId}/households`,
      householdOfFour({ address: 'Callejón El Carmen 2' }),
    );
    const before = await censusSnapshot(w.t);
    const moved = await w.doctor.post(`/api/persons/${pedro.id}/move`, {
      toHouseholdId: target.json().id,
      relationship: 'other_relative',
      movedOn: '2026-01-10',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ householdId: target.json().id, familyId: target.json().families[0].id });
    expect(await censusSnapshot(w.t)).toMatchObject({ moves: before.moves + 1, seq: before.seq + 2 });
    const record = (await w.doctor.get(`/api/persons/${pedro.id}`)).json();
    expect(record.moves).toMatchObject([
      { fromHouseholdId: householdId, toHouseholdId: target.json().id, movedOn: '2026-01-10', recordedBy: 'dra-perez' },
    ]);
  });
});

describe("a post's census", () => {
  it('counts households, families and persons against the planning target and lists households', async () => {
    const response = await w.doctor.get(`/api/posts/${w.postId}/census?pageSize=2`);
    expect(response.statusCode, response.body).toBe(200);
    const census = response.json();
    expect(census).toMatchObject({
      post: { id: w.postId, parishName: 'Sucre (Catia)' },
      households: 5,
      families: 6,
      target: { families: 300, source: 'planning_rule' },
      coveragePercent: 2,
      personsByGroup: { I: 0, II: 0, III: 0, IV: 0, unclassified: census.persons },
      classificationsDue: census.persons,
    });
    expect(census.sectors).toEqual([{ id: w.sectorId, name: 'Los Magallanes' }]);
    expect(census.householdPage).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(census.householdPage.items).toHaveLength(2);
    expect(census.householdPage.items[0]).toMatchObject({ head: 'José Gregorio Hernández Pérez', members: 4 });
  });

  it('filters households by sector and by address or member name, ignoring accents', async () => {
    const bySector = (await w.doctor.get(`/api/posts/${w.postId}/census?sectorId=${w.sectorId}`)).json();
    expect(bySector.householdPage.items.map((h: { id: string }) => h.id)).toEqual([householdId]);
    const byAddress = (await w.doctor.get(`/api/posts/${w.postId}/census?q=callejon carmen`)).json();
    expect(byAddress.householdPage.items.map((h: { address: string }) => h.address)).toEqual(['Callejón El Carmen 2']);
    const byName = (await w.doctor.get(`/api/posts/${w.postId}/census?q=YUSMARY`)).json();
    expect(byName.householdPage.items.map((h: { id: string }) => h.id)).toEqual([householdId]);
  });
});

describe('who sees a post’s households', () => {
  it('answers 404 to a doctor of another post for the household and the census, and logs both refusals', async () => {
    const household = await w.neighbour.get(`/api/households/${householdId}`);
    expect(household.statusCode).toBe(404);
    expect(household.json().code).toBe('HOUSEHOLD_NOT_FOUND');
    expect(await lastDenial(w.t)).toMatchObject({ route: '/api/households/:id', method: 'GET' });
    const census = await w.neighbour.get(`/api/posts/${w.postId}/census`);
    expect(census.statusCode).toBe(404);
    expect(census.json().code).toBe('FACILITY_NOT_FOUND');
    expect(await lastDenial(w.t)).toMatchObject({
      route: '/api/posts/:facilityId/census',
      reason: 'census.read outside the care team',
    });
  });

  it('answers 404 to a coordinator or auditor, who see aggregates, not households', async () => {
    expect((await w.admin.get(`/api/households/${householdId}`)).statusCode).toBe(404);
    expect((await w.auditor.get(`/api/posts/${w.postId}/census`)).statusCode).toBe(404);
  });

  it('refuses a doctor of another post who tries to add a member or amend the household', async () => {
    const before = await censusSnapshot(w.t);
    const add = await w.neighbour.post(`/api/households/${householdId}/members`, {
      firstNames: 'Intruso',
      lastNames: 'Ajeno',
      sex: 'M',
      birthDate: '1990-01-01',
      relationship: 'non_relative',
    });
    expect(add.statusCode).toBe(404);
    expect((await w.neighbour.patch(`/api/households/${householdId}`, { rooms: 9 })).statusCode).toBe(404);
    expect(await censusSnapshot(w.t)).toEqual(before);
  });
});

describe('the ledger after registering, amending and moving', () => {
  it('verifies: every census row matches its latest ledger entry', async () => {
    const result = await w.admin.get('/api/integrity/verify');
    expect(result.statusCode).toBe(200);
    expect(result.json().ok).toBe(true);
  });
});
