import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser } from '../../test/harness';
import { loginAs, type Client } from '../../test/http';
import {
  bornYearsAgo,
  careSnapshot,
  createCareWorld,
  daysFromToday,
  latestDenial,
  seedHousehold,
  type CareWorld,
} from './care.test-support';

let w: CareWorld;
let coordinator: Client;
let personId: string;
let encounterId: string;
let doseId: string;
let pregnancyId: string;

beforeAll(async () => {
  w = await createCareWorld();
  await seedUser(w.t.storage, 'coordinadora', [{ role: 'territory_coordinator', territoryCode: 'VE-A' }]);
  coordinator = await loginAs(w.t.app, 'coordinadora');
  const household = await seedHousehold(w.t, w.postId, [
    { firstNames: 'Gladys', lastNames: 'Herrera', sex: 'F', birthDate: bornYearsAgo(29) },
  ]);
  personId = household.personIds[0]!;
  encounterId = (
    await w.doctor.post(`/api/persons/${personId}/encounters`, {
      setting: 'post',
      occurredAt: new Date().toISOString(),
      reason: 'Consulta',
      outcome: 'resolved',
    })
  ).json().id;
  doseId = (
    await w.doctor.post(`/api/persons/${personId}/immunizations`, {
      vaccineCode: 'TD',
      doseNumber: 1,
      givenOn: daysFromToday(0),
      lot: 'TD-1',
    })
  ).json().id;
  pregnancyId = (
    await w.doctor.post(`/api/persons/${personId}/pregnancies`, {
      lastMenstrualPeriod: daysFromToday(-60),
      risk: 'low',
    })
  ).json().id;
});
afterAll(() => w.t.close());

describe("a doctor of another post, or a coordinator, cannot reach a post's clinical records", () => {
  const attempts: [string, () => [string, string, unknown?], string][] = [
    ['read the timeline', () => ['GET', `/api/persons/${personId}/timeline`], 'PERSON_NOT_FOUND'],
    ['read the immunizations', () => ['GET', `/api/persons/${personId}/immunizations`], 'PERSON_NOT_FOUND'],
    ['read an encounter', () => ['GET', `/api/encounters/${encounterId}`], 'ENCOUNTER_NOT_FOUND'],
    ['read a pregnancy', () => ['GET', `/api/pregnancies/${pregnancyId}`], 'PREGNANCY_NOT_FOUND'],
    ['read the worklist', () => ['GET', `/api/posts/${w.postId}/worklist`], 'FACILITY_NOT_FOUND'],
    [
      'record an encounter',
      () => [
        'POST',
        `/api/persons/${personId}/encounters`,
        { setting: 'post', occurredAt: new Date().toISOString(), reason: 'x', outcome: 'resolved' },
      ],
      'PERSON_NOT_FOUND',
    ],
    [
      'amend an encounter',
      () => ['POST', `/api/encounters/${encounterId}/amendments`, { kind: 'entered_in_error', reason: 'ajeno' }],
      'ENCOUNTER_NOT_FOUND',
    ],
    [
      'record a dose',
      () => [
        'POST',
        `/api/persons/${personId}/immunizations`,
        { vaccineCode: 'TD', doseNumber: 2, givenOn: daysFromToday(0), lot: 'x' },
      ],
      'PERSON_NOT_FOUND',
    ],
    [
      'void a dose',
      () => ['POST', `/api/immunizations/${doseId}/amendments`, { kind: 'entered_in_error', reason: 'ajeno' }],
      'IMMUNIZATION_NOT_FOUND',
    ],
    [
      'record a prenatal control',
      () => ['POST', `/api/pregnancies/${pregnancyId}/controls`, { controlOn: daysFromToday(0), gestationalWeeks: 8 }],
      'PREGNANCY_NOT_FOUND',
    ],
    [
      'record a death',
      () => ['POST', `/api/persons/${personId}/death`, { diedOn: daysFromToday(0), place: 'home', causeIcd10: 'R99' }],
      'PERSON_NOT_FOUND',
    ],
  ];

  it.each(attempts)(
    'gets 404 when trying to %s, writes nothing, and the denial is logged',
    async (_what, request, code) => {
      for (const client of [w.neighbour, coordinator]) {
        const before = await careSnapshot(w.t);
        const [method, url, body] = request();
        const response = method === 'GET' ? await client.get(url) : await client.post(url, body);
        expect(response.statusCode, response.body).toBe(404);
        expect(response.json().code).toBe(code);
        expect(await careSnapshot(w.t)).toEqual(before);
        const denial = await latestDenial(w.t);
        expect(denial).toMatchObject({ method, reason: expect.stringContaining('outside the care team') });
      }
    },
  );

  it('answers a record that does not exist with the same 404 as one that is hidden', async () => {
    const missing = '0190b0b0-0000-7000-8000-000000000000';
    expect((await w.doctor.get(`/api/encounters/${missing}`)).json().code).toBe('ENCOUNTER_NOT_FOUND');
    expect((await w.doctor.get(`/api/persons/${missing}/timeline`)).json().code).toBe('PERSON_NOT_FOUND');
    expect((await w.doctor.get(`/api/posts/${missing}/worklist`)).json().code).toBe('FACILITY_NOT_FOUND');
  });

  it("lets the post's own doctor read all of it", async () => {
    for (const url of [
      `/api/persons/${personId}/timeline`,
      `/api/persons/${personId}/immunizations`,
      `/api/encounters/${encounterId}`,
      `/api/pregnancies/${pregnancyId}`,
      `/api/posts/${w.postId}/worklist`,
    ]) {
      expect((await w.doctor.get(url)).statusCode, url).toBe(200);
    }
  });

  it("tells the post's registrar, who keeps the census but not the clinical record, that it is not permitted", async () => {
    await seedUser(w.t.storage, 'registrador', [{ role: 'registrar', facilityId: w.postId }]);
    const registrar = await loginAs(w.t.app, 'registrador');
    const response = await registrar.get(`/api/posts/${w.postId}/worklist`);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('NOT_PERMITTED');
    expect((await registrar.get(`/api/persons/${personId}/timeline`)).statusCode).toBe(404);
  });

  it('asks for a login before anything', async () => {
    const response = await w.t.app.inject({ method: 'GET', url: `/api/persons/${personId}/timeline` });
    expect(response.statusCode).toBe(401);
  });
});
