import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser } from '../../test/harness';
import { loginAs, type Client } from '../../test/http';
import { bornYearsAgo, daysFromToday } from '../care/care.test-support';
import { readLedgerState } from '../integrity/ledger.repository';
import { verifyLedger } from '../integrity/verify.service';
import { createAsicWorld, type AsicWorld } from './post-services.test-support';

let w: AsicWorld;
/** registrar of the CDI, who resolves its possible duplicates */
let cdiRegistrar: Client;

beforeAll(async () => {
  w = await createAsicWorld();
  await seedUser(w.t.storage, 'reg-cdi', [{ role: 'registrar', facilityId: w.cdiId }]);
  cdiRegistrar = await loginAs(w.t.app, 'reg-cdi');
});
afterAll(() => w.t.close());

/** The ledger head and the census row counts: a refused registration must change none of them. */
async function snapshot() {
  const db = w.t.storage.db;
  const count = async (table: 'households' | 'families' | 'persons' | 'duplicate_candidates') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const head = await readLedgerState(db);
  return {
    seq: head.seq,
    hash: head.hash,
    households: await count('households'),
    families: await count('families'),
    persons: await count('persons'),
    flags: await count('duplicate_candidates'),
  };
}

const register = (body: Record<string, unknown>, client = w.cdi, facilityId = w.cdiId) =>
  client.post(`/api/facilities/${facilityId}/walk-ins`, body);

/** A man brought in from the street, unconscious, with no papers. */
const unknownMan = {
  firstNames: 'Desconocido',
  lastNames: 'Masculino',
  sex: 'M',
  estimatedAgeYears: 40,
  parishCode: 'VE-A-01-22',
  address: 'Hallado en la avenida Sucre, frente a la estación',
};

let unknownManId: string;

describe('registering a person brought to the emergency room with no record', () => {
  it('puts an unknown man of about forty in a household of the centre not surveyed, in one ledgered write', async () => {
    const before = await snapshot();
    const response = await register(unknownMan);
    expect(response.statusCode, response.body).toBe(201);
    const { person, possibleDuplicates } = response.json();
    unknownManId = person.id;
    expect(person).toMatchObject({
      facilityId: w.cdiId,
      firstNames: 'Desconocido',
      lastNames: 'Masculino',
      sex: 'M',
      birthDate: bornYearsAgo(40),
      birthDateEstimated: true,
      age: 40,
      nationalId: null,
      relationship: 'head',
      possibleDuplicate: false,
    });
    expect(possibleDuplicates).toEqual([]);
    expect(await snapshot()).toMatchObject({
      households: before.households + 1,
      families: before.families + 1,
      persons: before.persons + 1,
      flags: before.flags,
      seq: before.seq + 3,
    });
    const household = await w.cdi.get(`/api/households/${person.householdId}`);
    expect(household.statusCode, household.body).toBe(200);
    expect(household.json()).toMatchObject({
      facilityId: w.cdiId,
      parishCode: 'VE-A-01-22',
      address: unknownMan.address,
      sectorId: null,
      conditionsSurveyed: false,
      waterSource: null,
      rooms: null,
      overcrowding: null,
      families: [{ name: 'Familia Masculino', members: 1 }],
    });
    expect(await verifyLedger(w.t.storage.db)).toMatchObject({ ok: true });
  });

  it("is in the centre's care at once: its emergency room attends him and its team reads his record", async () => {
    const attended = await w.cdi.post(`/api/facilities/${w.cdiId}/emergencies`, {
      personId: unknownManId,
      triageLevel: 1,
      complaint: 'Politraumatismo por arrollamiento',
      lifeSupport: true,
      outcome: 'admitted',
    });
    expect(attended.statusCode, attended.body).toBe(201);
    const record = await w.cdi.get(`/api/persons/${unknownManId}`);
    expect(record.statusCode, record.body).toBe(200);
    expect(record.json()).toMatchObject({
      facilityName: 'CDI Los Frailes',
      birthDateEstimated: true,
      household: { conditionsSurveyed: false, parishName: expect.any(String), overcrowding: null },
    });
    const found = await w.cdi.get(`/api/facilities/${w.cdiId}/walk-ins?q=desconocido%20masc`);
    expect(found.json().items).toEqual([
      expect.objectContaining({ id: unknownManId, postName: 'CDI Los Frailes', nationalId: null }),
    ]);
  });

  it('is no one else’s to read or find: another CDI and the post get 404 and find nobody', async () => {
    expect((await w.otherCdi.get(`/api/persons/${unknownManId}`)).statusCode).toBe(404);
    expect((await w.doctor.get(`/api/persons/${unknownManId}`)).statusCode).toBe(404);
    const elsewhere = await w.otherCdi.get(`/api/facilities/${w.otherCdiId}/walk-ins?q=desconocido`);
    expect(elsewhere.json().items).toEqual([]);
  });

  it('keeps a known birth date and national id as given, and where he lives unknown when nobody knows', async () => {
    const response = await register({
      firstNames: 'Yorman José',
      lastNames: 'Colmenares',
      sex: 'M',
      birthDate: '1990-02-14',
      nationalId: 'v 20.111.222',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().person).toMatchObject({
      birthDate: '1990-02-14',
      birthDateEstimated: false,
      nationalId: 'V-20111222',
    });
    const household = await w.cdi.get(`/api/households/${response.json().person.householdId}`);
    expect(household.json()).toMatchObject({ parishCode: null, address: null, conditionsSurveyed: false });
  });

  it('flags someone the centre serves with the same birth date and a near spelling, never merging them', async () => {
    const luisa = await w.t.storage.db
      .selectFrom('persons')
      .select(['birth_date'])
      .where('id', '=', w.otherPatient)
      .executeTakeFirstOrThrow();
    const before = await snapshot();
    const response = await register({
      firstNames: 'Luiza',
      lastNames: 'Rangel',
      sex: 'F',
      birthDate: luisa.birth_date,
    });
    expect(response.statusCode, response.body).toBe(201);
    const { person, possibleDuplicates } = response.json();
    expect(person.possibleDuplicate).toBe(true);
    expect(possibleDuplicates).toEqual([
      {
        id: w.otherPatient,
        name: 'Luisa Rangel',
        sex: 'F',
        birthDate: luisa.birth_date,
        nationalId: null,
        postName: 'Consultorio Popular Los Frailes',
      },
    ]);
    expect(await snapshot()).toMatchObject({ persons: before.persons + 1, flags: before.flags + 1 });
    const flags = await cdiRegistrar.get(`/api/posts/${w.cdiId}/duplicates`);
    expect(flags.statusCode, flags.body).toBe(200);
    expect(flags.json().items).toEqual([
      expect.objectContaining({
        reason: 'similar_name_and_birth_date',
        status: 'open',
        person: expect.objectContaining({ id: person.id, firstNames: 'Luiza' }),
        // Luisa's address is her post's record, which the centre does not read.
        candidate: expect.objectContaining({ id: w.otherPatient, address: null, mergedInto: null }),
      }),
    ]);
    const stillAtHerPost = await w.doctor.get(`/api/persons/${w.otherPatient}`);
    expect(stillAtHerPost.json()).toMatchObject({ facilityId: w.postId, mergedInto: null });
  });

  it('flags a second registration of the same unknown man the same day', async () => {
    const response = await register(unknownMan);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().possibleDuplicates).toEqual([
      expect.objectContaining({ id: unknownManId, postName: 'CDI Los Frailes' }),
    ]);
  });
});

describe('a registration that cannot be made', () => {
  type Case = [string, () => Promise<LightMyRequestResponse>, number, string, string];
  const valid = { firstNames: 'Ana', lastNames: 'Mora', sex: 'F', birthDate: '1975-05-05' };
  const { birthDate: _, ...noBirthDate } = valid;
  const cases: Case[] = [
    ['no given names', () => register({ ...valid, firstNames: '  ' }), 400, 'VALIDATION_FAILED', 'firstNames'],
    ['no family names', () => register({ ...valid, lastNames: undefined }), 400, 'VALIDATION_FAILED', 'lastNames'],
    [
      'a birth date in the future',
      () => register({ ...valid, birthDate: daysFromToday(1) }),
      400,
      'VALIDATION_FAILED',
      'birthDate',
    ],
    ['neither a birth date nor an estimated age', () => register(noBirthDate), 400, 'VALIDATION_FAILED', 'birthDate'],
    [
      'both a birth date and an estimated age',
      () => register({ ...valid, estimatedAgeYears: 50 }),
      400,
      'VALIDATION_FAILED',
      'birthDate',
    ],
    [
      'an age nobody alive has',
      () => register({ ...noBirthDate, estimatedAgeYears: 130 }),
      400,
      'VALIDATION_FAILED',
      'estimatedAgeYears',
    ],
    [
      'a national id of no known shape',
      () => register({ ...valid, nationalId: '12-AB' }),
      400,
      'VALIDATION_FAILED',
      'nationalId',
    ],
    [
      'a parish that does not exist',
      () => register({ ...valid, parishCode: 'VE-A-01-99' }),
      422,
      'UNKNOWN_TERRITORY',
      'parishCode',
    ],
    [
      'a facility with no emergency room',
      () => register(valid, w.sri, w.sriId),
      422,
      'SERVICE_NOT_OFFERED',
      'facilityId',
    ],
    [
      "another centre's emergency room",
      () => register(valid, w.cdi, w.otherCdiId),
      404,
      'FACILITY_NOT_FOUND',
      'facilityId',
    ],
  ];

  it.each(cases)('refuses %s, naming the field, and writes nothing', async (_, send, status, code, field) => {
    const before = await snapshot();
    const response = await send();
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code, errors: [expect.objectContaining({ field })] });
    expect(await snapshot()).toEqual(before);
  });

  it('names who holds the national id already when the centre may attend them, so that it attends that record', async () => {
    const before = await snapshot();
    const response = await register({ ...valid, nationalId: 'V-20111222' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'DUPLICATE_NATIONAL_ID',
      errors: [{ field: 'nationalId' }],
      holder: { name: 'Yorman José Colmenares', nationalId: 'V-20111222', postName: 'CDI Los Frailes' },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('says only that the national id is taken when its holder is no one the centre may attend', async () => {
    const elsewhere = await register(
      { firstNames: 'Petra', lastNames: 'Urbina', sex: 'F', birthDate: '1961-09-30', nationalId: 'V-30999888' },
      w.otherCdi,
      w.otherCdiId,
    );
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    const before = await snapshot();
    const response = await register({ ...valid, nationalId: 'V-30999888' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'DUPLICATE_NATIONAL_ID', errors: [{ field: 'nationalId' }] });
    expect(response.json().holder).toBeUndefined();
    expect(response.body).not.toMatch(/Petra|Urbina|Propatria/);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["the post's family doctor", () => w.doctor],
    ['the national administrator', () => w.admin],
    ['a clinician of a CDI of another ASIC', () => w.otherCdi],
  ])('is 404 for %s, as if the centre did not exist', async (_, client) => {
    const before = await snapshot();
    const response = await register(valid, client());
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('FACILITY_NOT_FOUND');
    expect(await snapshot()).toEqual(before);
  });

  it('leaves a ledger that still verifies', async () => {
    expect(await verifyLedger(w.t.storage.db)).toMatchObject({ ok: true });
  });
});
