import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayLocal } from '../../shared/time';
import { censusSnapshot, createCensusWorld, householdOfFour, lastDenial, type CensusWorld } from './census.fixtures';

let w: CensusWorld;
let household: {
  id: string;
  families: { id: string }[];
  members: { id: string; firstNames: string; nationalId: string | null }[];
};
let head: { id: string; firstNames: string; nationalId: string | null };

async function readsOf(personId: string) {
  return w.t.storage.db.selectFrom('record_reads').selectAll().where('person_id', '=', personId).execute();
}

beforeAll(async () => {
  w = await createCensusWorld();
  household = (
    await w.doctor.post(`/api/posts/${w.postId}/households`, householdOfFour({ sectorId: w.sectorId }))
  ).json();
  head = household.members[0]!;
  await w.neighbour.post(
    `/api/posts/${w.otherPostId}/households`,
    householdOfFour({
      members: [
        { firstNames: 'José', lastNames: 'Hernández Blanco', sex: 'M', birthDate: '1970-01-01', relationship: 'head' },
      ],
    }),
  );
});
afterAll(() => w.t.close());

describe("opening a person's record", () => {
  it('shows demographics, age, household, family and dispensarization, and logs the read', async () => {
    const response = await w.doctor.get(`/api/persons/${head.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const record = response.json();
    expect(record).toMatchObject({
      firstNames: 'José Gregorio',
      lastNames: 'Hernández Pérez',
      birthDate: '1980-03-15',
      facilityName: 'Consultorio Popular Los Magallanes',
      mergedInto: null,
      household: {
        id: household.id,
        parishName: 'Sucre (Catia)',
        sectorName: 'Los Magallanes',
        waterSource: 'piped_inside',
        overcrowding: { personsPerRoom: 2, critical: false },
      },
      family: { id: household.families[0]!.id, name: 'Familia Hernández Pérez' },
      dispensarization: { current: null, history: [], nextClassificationDue: todayLocal(), overdue: false },
      possibleDuplicates: [],
      moves: [],
    });
    expect(record.age).toBeGreaterThanOrEqual(46);
    expect(await readsOf(head.id)).toHaveLength(1);
  });

  it("shows the post's team who looked at the record and when, one line per reading", async () => {
    await w.registrar.get(`/api/persons/${head.id}`);
    // The doctor opens it again within the minute (the page also asks for the timeline): one reading.
    await w.doctor.get(`/api/persons/${head.id}/timeline`);
    let record = (await w.doctor.get(`/api/persons/${head.id}`)).json();
    expect(record.readLog.total).toBe(2);
    // A minute later it is a new reading.
    await sql`UPDATE record_reads SET at = at - interval '2 minutes' WHERE person_id = ${head.id}`.execute(
      w.t.storage.db,
    );
    record = (await w.doctor.get(`/api/persons/${head.id}`)).json();
    expect(record.readLog.total).toBe(3);
    expect(record.readLog.items.map((r: { displayName: string }) => r.displayName)).toEqual([
      'dra-perez',
      'registradora',
      'dra-perez',
    ]);
  });

  it('lets an auditor of the territory read the log, but not the record', async () => {
    const reads = await w.auditor.get(`/api/persons/${head.id}/reads`);
    expect(reads.statusCode, reads.body).toBe(200);
    expect(reads.json().total).toBe(3);
    expect((await w.auditor.get(`/api/persons/${head.id}`)).statusCode).toBe(404);
    expect((await w.zuliaAuditor.get(`/api/persons/${head.id}/reads`)).statusCode).toBe(404);
    expect((await w.neighbour.get(`/api/persons/${head.id}/reads`)).statusCode).toBe(404);
  });

  it('answers 404 to a doctor of another post, logs the refusal and records no read', async () => {
    const before = await readsOf(head.id);
    const response = await w.neighbour.get(`/api/persons/${head.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'PERSON_NOT_FOUND' });
    expect(await lastDenial(w.t)).toMatchObject({
      method: 'GET',
      route: '/api/persons/:id',
      reason: 'census.read outside the care team',
    });
    expect(await readsOf(head.id)).toHaveLength(before.length);
  });

  it('answers 404 for a person who does not exist', async () => {
    const response = await w.doctor.get('/api/persons/0190f0e0-0000-7000-8000-000000000000');
    expect(response.statusCode).toBe(404);
  });
});

describe('dispensarization', () => {
  it('classifies a person at risk, then ill, keeping every classification', async () => {
    const atRisk = await w.doctor.post(`/api/persons/${head.id}/classifications`, {
      group: 2,
      classifiedOn: '2025-06-01',
      riskFactors: ['smoking', 'physical_inactivity'],
    });
    expect(atRisk.statusCode, atRisk.body).toBe(201);
    expect(atRisk.json()).toMatchObject({ nextClassificationDue: '2026-06-01', overdue: true });
    const ill = await w.doctor.post(`/api/persons/${head.id}/classifications`, {
      group: 3,
      riskFactors: ['smoking'],
      chronicConditions: ['i10', 'E11.9'],
      notes: 'Hipertenso y diabético, controlado',
    });
    expect(ill.statusCode, ill.body).toBe(201);
    const result = ill.json();
    expect(result.current).toMatchObject({
      group: 3,
      groupLabel: 'III',
      classifiedOn: todayLocal(),
      classifiedBy: 'dra-perez',
      chronicConditions: [{ code: 'I10' }, { code: 'E11.9' }],
    });
    expect(result.current.chronicConditions[0].title).toMatch(/hipertensi/i);
    expect(result.history.map((c: { group: number }) => c.group)).toEqual([3, 2]);
    expect(result.overdue).toBe(false);
    expect(result.nextClassificationDue > todayLocal()).toBe(true);
  });

  it("counts the post's people by their latest group", async () => {
    const census = (await w.doctor.get(`/api/posts/${w.postId}/census`)).json();
    expect(census.personsByGroup).toEqual({ I: 0, II: 0, III: 1, IV: 0, unclassified: 3 });
    expect(census.classificationsDue).toBe(3);
  });

  it('classifies group IV with a disability', async () => {
    const grandmother = household.members[3]!;
    const response = await w.doctor.post(`/api/persons/${grandmother.id}/classifications`, {
      group: 4,
      disabilities: ['visual'],
      chronicConditions: ['I10'],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().current).toMatchObject({ groupLabel: 'IV', disabilities: ['visual'] });
  });
});

describe('finding a person', () => {
  it('finds by partial name ignoring accents and case, only among the caller’s posts', async () => {
    const found = (await w.doctor.get('/api/persons?q=jose HERNANDEZ')).json();
    expect(found.items.map((p: { firstNames: string }) => p.firstNames)).toEqual(['José Gregorio']);
    expect(found.items[0]).toMatchObject({ address: 'Calle Real de Los Magallanes, casa 14', age: expect.any(Number) });
    const partial = (await w.doctor.get('/api/persons?q=gómez alej')).json();
    expect(partial.items.map((p: { firstNames: string }) => p.firstNames)).toEqual(['María Alejandra']);
    const theirs = (await w.neighbour.get('/api/persons?q=jose hernandez')).json();
    expect(theirs.items.map((p: { lastNames: string }) => p.lastNames)).toEqual(['Hernández Blanco']);
  });

  it('finds a family name by any part of it, whatever the accents and case: "perez", "PER", "ez"', async () => {
    const names = async (q: string) =>
      (await w.doctor.get(`/api/persons?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((p: { firstNames: string }) => p.firstNames);
    expect(await names('perez')).toEqual(['Carmen Rosa', 'José Gregorio']);
    expect(await names('PER')).toEqual(['Carmen Rosa', 'José Gregorio']);
    // every member has a name ending in -ez; the neighbouring post's Hernández is not among them
    expect(await names('ez')).toEqual(['Carmen Rosa', 'José Gregorio', 'Luis Ángel', 'María Alejandra']);
    expect(await names('ez hernández blanco')).toEqual([]);
    expect((await w.neighbour.get('/api/persons?q=ez')).json().total).toBe(1);
  });

  it('counts every match while returning one page of them', async () => {
    const page = (await w.doctor.get('/api/persons?q=ez&pageSize=3&page=2')).json();
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page.items.map((p: { firstNames: string; address: string }) => [p.firstNames, p.address])).toEqual([
      ['María Alejandra', 'Calle Real de Los Magallanes, casa 14'],
    ]);
  });

  it('finds by national id however it is typed', async () => {
    const digits = head.nationalId!.slice(2);
    for (const q of [head.nationalId!, digits, `v-${digits.slice(0, 2)}.${digits.slice(2, 5)}.${digits.slice(5)}`]) {
      const found = (await w.doctor.get(`/api/persons?q=${encodeURIComponent(q)}`)).json();
      expect(found.items.map((p: { id: string }) => p.id)).toEqual([head.id]);
    }
  });

  it('lists the post’s people a page at a time when nothing is typed', async () => {
    const page = (await w.doctor.get('/api/persons?pageSize=3')).json();
    expect(page).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(page.items).toHaveLength(3);
  });

  it('refuses a search at a post that is not the caller’s, and a caller with no post', async () => {
    expect((await w.doctor.get(`/api/persons?facilityId=${w.otherPostId}`)).statusCode).toBe(404);
    expect((await w.admin.get('/api/persons?q=jose')).statusCode).toBe(403);
  });
});

describe('moving a person', () => {
  it('refuses a move into a household of another post, writing nothing', async () => {
    const theirs = (await w.neighbour.get('/api/persons?q=blanco')).json().items[0];
    const before = await censusSnapshot(w.t);
    const response = await w.doctor.post(`/api/persons/${head.id}/move`, {
      toHouseholdId: theirs.householdId,
      relationship: 'non_relative',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('HOUSEHOLD_NOT_FOUND');
    expect(await censusSnapshot(w.t)).toEqual(before);
  });
});
