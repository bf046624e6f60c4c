import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  censusSnapshot,
  createCensusWorld,
  freshNationalId,
  householdOfFour,
  type CensusWorld,
} from './census.fixtures';

let w: CensusWorld;
let householdId: string;
let personId: string;
let takenNationalId: string;

beforeAll(async () => {
  w = await createCensusWorld();
  const body = householdOfFour();
  takenNationalId = body.members[0]!.nationalId!;
  const household = (await w.doctor.post(`/api/posts/${w.postId}/households`, body)).json();
  householdId = household.id;
  personId = household.members[0].id;
});
afterAll(() => w.t.close());

const withMember = (change: Record<string, unknown>, index = 1) => {
  const body = householdOfFour();
  body.members[index] = { ...body.members[index]!, ...change } as (typeof body.members)[number];
  return body;
};

const register = (body: unknown) => w.doctor.post(`/api/posts/${w.postId}/households`, body);

const cases: [string, () => Promise<LightMyRequestResponse>, number, string, string][] = [
  [
    'a birth date in the future',
    () => register(withMember({ birthDate: '2999-05-01' })),
    400,
    'VALIDATION_FAILED',
    'members.1.birthDate',
  ],
  [
    'a birth date before 1900',
    () => register(withMember({ birthDate: '1899-12-31' })),
    400,
    'VALIDATION_FAILED',
    'members.1.birthDate',
  ],
  [
    'a birth date that is no date',
    () => register(withMember({ birthDate: '1980-02-30' })),
    400,
    'VALIDATION_FAILED',
    'members.1.birthDate',
  ],
  [
    'an unknown water source',
    () => register(householdOfFour({ waterSource: 'magic_spring' })),
    400,
    'VALIDATION_FAILED',
    'waterSource',
  ],
  [
    'an unknown disease vector',
    () => register(householdOfFour({ vectors: ['dragons'] })),
    400,
    'VALIDATION_FAILED',
    'vectors.0',
  ],
  ['zero rooms', () => register(householdOfFour({ rooms: 0 })), 400, 'VALIDATION_FAILED', 'rooms'],
  [
    'negative rooms on amendment',
    () => w.doctor.patch(`/api/households/${householdId}`, { rooms: -2 }),
    400,
    'VALIDATION_FAILED',
    'rooms',
  ],
  ['an unknown sex', () => register(withMember({ sex: 'X' })), 400, 'VALIDATION_FAILED', 'members.1.sex'],
  [
    'a malformed national id',
    () => register(withMember({ nationalId: '12-ABC' })),
    400,
    'VALIDATION_FAILED',
    'members.1.nationalId',
  ],
  [
    'a national id already taken',
    () => register(withMember({ nationalId: takenNationalId }, 2)),
    409,
    'DUPLICATE_NATIONAL_ID',
    'members.2.nationalId',
  ],
  [
    'the same national id twice in one household',
    () => register(withMemberPair(freshNationalId())),
    409,
    'DUPLICATE_NATIONAL_ID',
    'members.1.nationalId',
  ],
  [
    'a national id taken, on a newcomer',
    () =>
      w.doctor.post(`/api/households/${householdId}/members`, {
        firstNames: 'Ana',
        lastNames: 'Ruiz',
        sex: 'F',
        birthDate: '1999-01-01',
        relationship: 'child',
        nationalId: takenNationalId,
      }),
    409,
    'DUPLICATE_NATIONAL_ID',
    'nationalId',
  ],
  [
    'no head of household',
    () => register(withMember({ relationship: 'child' }, 0)),
    400,
    'VALIDATION_FAILED',
    'members',
  ],
  [
    'a member in a family that does not exist',
    () => register(withMember({ familyIndex: 3 })),
    422,
    'UNKNOWN_FAMILY',
    'members.1.familyIndex',
  ],
  [
    'a sector of another parish',
    () => register(householdOfFour({ sectorId: w.foreignSectorId })),
    422,
    'TERRITORY_MISMATCH',
    'sectorId',
  ],
  [
    'latitude without longitude',
    () => register(householdOfFour({ latitude: 10.5 })),
    400,
    'VALIDATION_FAILED',
    'longitude',
  ],
  [
    'a household at a CDI',
    () => w.cdiDoctor.post(`/api/posts/${w.cdiId}/households`, householdOfFour()),
    422,
    'NOT_A_POST',
    '',
  ],
  [
    'an unknown CIE-10 code in a classification',
    () => w.doctor.post(`/api/persons/${personId}/classifications`, { group: 3, chronicConditions: ['I10', 'Z99.99'] }),
    422,
    'UNKNOWN_DIAGNOSIS',
    'chronicConditions.1',
  ],
  [
    'an unknown risk factor',
    () => w.doctor.post(`/api/persons/${personId}/classifications`, { group: 2, riskFactors: ['astrology'] }),
    400,
    'VALIDATION_FAILED',
    'riskFactors.0',
  ],
  [
    'group I with a chronic condition',
    () => w.doctor.post(`/api/persons/${personId}/classifications`, { group: 1, chronicConditions: ['I10'] }),
    422,
    'CLASSIFICATION_INCONSISTENT',
    'chronicConditions',
  ],
  [
    'group III without a condition',
    () => w.doctor.post(`/api/persons/${personId}/classifications`, { group: 3, riskFactors: ['smoking'] }),
    422,
    'CLASSIFICATION_INCONSISTENT',
    'chronicConditions',
  ],
  [
    'a group that does not exist',
    () => w.doctor.post(`/api/persons/${personId}/classifications`, { group: 5 }),
    400,
    'VALIDATION_FAILED',
    'group',
  ],
  [
    'a classification dated in the future',
    () => w.doctor.post(`/api/persons/${personId}/classifications`, { group: 1, classifiedOn: '2999-01-01' }),
    400,
    'VALIDATION_FAILED',
    'classifiedOn',
  ],
  [
    'a move to the same household',
    () => w.doctor.post(`/api/persons/${personId}/move`, { toHouseholdId: householdId, relationship: 'head' }),
    400,
    'VALIDATION_FAILED',
    'toHouseholdId',
  ],
  [
    'a person outside the post’s scope',
    () => w.neighbour.post(`/api/persons/${personId}/classifications`, { group: 1 }),
    404,
    'PERSON_NOT_FOUND',
    '',
  ],
  [
    'a household outside the post’s scope',
    () => w.neighbour.post(`/api/posts/${w.postId}/households`, householdOfFour()),
    404,
    'FACILITY_NOT_FOUND',
    '',
  ],
];

function withMemberPair(nationalId: string) {
  const body = householdOfFour();
  body.members[0] = { ...body.members[0]!, nationalId };
  body.members[1] = { ...body.members[1]!, nationalId };
  return body;
}

describe('bad census input', () => {
  it.each(cases)(
    'refuses %s with a problem naming the field, and writes nothing',
    async (_, send, status, code, field) => {
      const before = await censusSnapshot(w.t);
      const response = await send();
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem.code).toBe(code);
      if (field) expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await censusSnapshot(w.t)).toEqual(before);
    },
  );
});
