import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  bornYearsAgo,
  careSnapshot,
  createCareWorld,
  daysFromToday,
  seedHousehold,
  type CareWorld,
} from './care.test-support';

let w: CareWorld;
let man: string;
let woman: string;
let girl: string;
let elder: string;
let baby: string;
let outsider: string;
let pregnancy: string;
let encounter: string;

const visit = (overrides: Record<string, unknown> = {}) => ({
  setting: 'post',
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  reason: 'Consulta',
  vitals: { systolic: 120, diastolic: 80 },
  diagnoses: [{ code: 'I10' }],
  outcome: 'resolved',
  ...overrides,
});
const dose = (overrides: Record<string, unknown> = {}) => ({
  vaccineCode: 'BCG',
  doseNumber: 1,
  givenOn: daysFromToday(0),
  lot: 'L-1',
  ...overrides,
});
const liveBirth = (overrides: Record<string, unknown> = {}) => ({
  bornOn: daysFromToday(0),
  outcome: 'live',
  weightG: 3000,
  sex: 'F',
  place: 'home',
  child: { firstNames: 'Ana', lastNames: 'Pinto' },
  ...overrides,
});

beforeAll(async () => {
  w = await createCareWorld();
  const household = await seedHousehold(w.t, w.postId, [
    { firstNames: 'Orlando', lastNames: 'Pinto', sex: 'M', birthDate: bornYearsAgo(40) },
    { firstNames: 'Milagros', lastNames: 'Pinto', sex: 'F', birthDate: bornYearsAgo(30) },
    { firstNames: 'Camila', lastNames: 'Pinto', sex: 'F', birthDate: bornYearsAgo(8) },
    { firstNames: 'Aurora', lastNames: 'Pinto', sex: 'F', birthDate: bornYearsAgo(60) },
    { firstNames: 'Tomás', lastNames: 'Pinto', sex: 'M', birthDate: daysFromToday(-30) },
  ]);
  [man, woman, girl, elder, baby] = household.personIds as [string, string, string, string, string];
  outsider = (
    await seedHousehold(w.t, w.otherPostId, [
      { firstNames: 'Nelson', lastNames: 'Aguilera', sex: 'M', birthDate: bornYearsAgo(45) },
    ])
  ).personIds[0]!;
  pregnancy = (
    await w.doctor.post(`/api/persons/${woman}/pregnancies`, { lastMenstrualPeriod: daysFromToday(-100), risk: 'low' })
  ).json().id;
  encounter = (await w.doctor.post(`/api/persons/${man}/encounters`, visit())).json().id;
  await w.doctor.post(`/api/persons/${baby}/immunizations`, dose());
});
afterAll(() => w.t.close());

type Case = [string, () => Promise<LightMyRequestResponse>, number, string, string | null];
const post = (url: () => string, body: unknown) => () => w.doctor.post(url(), body);

const cases: Case[] = [
  [
    'an implausible systolic pressure',
    post(() => `/api/persons/${man}/encounters`, visit({ vitals: { systolic: 1200, diastolic: 80 } })),
    422,
    'IMPLAUSIBLE_VITAL_SIGN',
    'vitals.systolic',
  ],
  [
    'a systolic pressure below the diastolic',
    post(() => `/api/persons/${man}/encounters`, visit({ vitals: { systolic: 70, diastolic: 90 } })),
    422,
    'IMPLAUSIBLE_VITAL_SIGN',
    'vitals.systolic',
  ],
  [
    'a temperature of 3.7 °C',
    post(() => `/api/persons/${man}/encounters`, visit({ vitals: { temperatureC: 3.7 } })),
    422,
    'IMPLAUSIBLE_VITAL_SIGN',
    'vitals.temperatureC',
  ],
  [
    'a heart rate written as text',
    post(() => `/api/persons/${man}/encounters`, visit({ vitals: { heartRate: 'ochenta' } })),
    400,
    'VALIDATION_FAILED',
    'vitals.heartRate',
  ],
  [
    'an encounter in the future',
    post(
      () => `/api/persons/${man}/encounters`,
      visit({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }),
    ),
    400,
    'VALIDATION_FAILED',
    'occurredAt',
  ],
  [
    'an encounter before the person was born',
    post(
      () => `/api/persons/${baby}/encounters`,
      visit({ occurredAt: new Date(Date.now() - 60 * 86_400_000).toISOString(), vitals: {} }),
    ),
    400,
    'VALIDATION_FAILED',
    'occurredAt',
  ],
  [
    'a CIE-10 code that does not exist',
    post(() => `/api/persons/${man}/encounters`, visit({ diagnoses: [{ code: 'I10' }, { code: 'Z99.9' }] })),
    422,
    'UNKNOWN_DIAGNOSIS',
    'diagnoses.1.code',
  ],
  [
    'something that is not a CIE-10 code',
    post(() => `/api/persons/${man}/encounters`, visit({ diagnoses: [{ code: 'gripe' }] })),
    400,
    'VALIDATION_FAILED',
    'diagnoses.0.code',
  ],
  [
    'an obstetric diagnosis for a man',
    post(() => `/api/persons/${man}/encounters`, visit({ diagnoses: [{ code: 'O14' }] })),
    422,
    'DIAGNOSIS_NOT_FOR_SEX',
    'diagnoses.0.code',
  ],
  [
    'two primary diagnoses',
    post(
      () => `/api/persons/${man}/encounters`,
      visit({
        diagnoses: [
          { code: 'I10', primary: true },
          { code: 'E11', primary: true },
        ],
      }),
    ),
    400,
    'VALIDATION_FAILED',
    'diagnoses.1.primary',
  ],
  [
    'a follow-up with no date',
    post(() => `/api/persons/${man}/encounters`, visit({ outcome: 'follow_up' })),
    400,
    'VALIDATION_FAILED',
    'followUpOn',
  ],
  [
    'an unknown setting',
    post(() => `/api/persons/${man}/encounters`, visit({ setting: 'hospital' })),
    400,
    'VALIDATION_FAILED',
    'setting',
  ],
  [
    'a prescription of no units',
    post(
      () => `/api/persons/${man}/encounters`,
      visit({ prescriptions: [{ medicine: 'Enalapril', dose: '10 mg', frequency: 'diaria', quantity: 0 }] }),
    ),
    400,
    'VALIDATION_FAILED',
    'prescriptions.0.quantity',
  ],
  [
    'a correction with an implausible heart rate',
    post(() => `/api/encounters/${encounter}/amendments`, {
      kind: 'correction',
      encounter: visit({ vitals: { heartRate: 900 } }),
    }),
    422,
    'IMPLAUSIBLE_VITAL_SIGN',
    'encounter.vitals.heartRate',
  ],
  [
    'an entered-in-error with no reason',
    post(() => `/api/encounters/${encounter}/amendments`, { kind: 'entered_in_error' }),
    400,
    'VALIDATION_FAILED',
    'reason',
  ],
  [
    'an encounter for a person outside the post',
    post(() => `/api/persons/${outsider}/encounters`, visit()),
    404,
    'PERSON_NOT_FOUND',
    null,
  ],
  [
    'a dose given twice',
    post(() => `/api/persons/${baby}/immunizations`, dose({ lot: 'L-2' })),
    409,
    'DOSE_ALREADY_GIVEN',
    'doseNumber',
  ],
  [
    'a second dose with no first',
    post(() => `/api/persons/${baby}/immunizations`, dose({ vaccineCode: 'PENTA', doseNumber: 2 })),
    422,
    'DOSE_NOT_DUE',
    'doseNumber',
  ],
  [
    'a dose for a baby too young for it',
    post(() => `/api/persons/${baby}/immunizations`, dose({ vaccineCode: 'MMR' })),
    422,
    'DOSE_NOT_DUE',
    'givenOn',
  ],
  [
    'a vaccine not in the schedule',
    post(() => `/api/persons/${baby}/immunizations`, dose({ vaccineCode: 'COVID' })),
    422,
    'UNKNOWN_VACCINE',
    'vaccineCode',
  ],
  [
    'a dose number the vaccine does not have',
    post(() => `/api/persons/${baby}/immunizations`, dose({ vaccineCode: 'HEPB', doseNumber: 3 })),
    422,
    'UNKNOWN_VACCINE',
    'doseNumber',
  ],
  [
    'a dose given in the future',
    post(() => `/api/persons/${baby}/immunizations`, dose({ vaccineCode: 'HEPB', givenOn: daysFromToday(2) })),
    400,
    'VALIDATION_FAILED',
    'givenOn',
  ],
  [
    'a dose without a lot',
    post(() => `/api/persons/${baby}/immunizations`, dose({ vaccineCode: 'HEPB', lot: '' })),
    400,
    'VALIDATION_FAILED',
    'lot',
  ],
  [
    'a pregnancy for a man',
    post(() => `/api/persons/${man}/pregnancies`, { lastMenstrualPeriod: daysFromToday(-30), risk: 'low' }),
    422,
    'NOT_ELIGIBLE_FOR_PREGNANCY',
    'id',
  ],
  [
    'a pregnancy for a girl of eight',
    post(() => `/api/persons/${girl}/pregnancies`, { lastMenstrualPeriod: daysFromToday(-30), risk: 'low' }),
    422,
    'NOT_ELIGIBLE_FOR_PREGNANCY',
    'id',
  ],
  [
    'a pregnancy for a woman of sixty',
    post(() => `/api/persons/${elder}/pregnancies`, { lastMenstrualPeriod: daysFromToday(-30), risk: 'low' }),
    422,
    'NOT_ELIGIBLE_FOR_PREGNANCY',
    'id',
  ],
  [
    'a second ongoing pregnancy',
    post(() => `/api/persons/${woman}/pregnancies`, { lastMenstrualPeriod: daysFromToday(-3), risk: 'low' }),
    409,
    'PREGNANCY_ALREADY_ONGOING',
    'id',
  ],
  [
    'a control whose weeks disagree with the last period',
    post(() => `/api/pregnancies/${pregnancy}/controls`, { controlOn: daysFromToday(0), gestationalWeeks: 30 }),
    422,
    'GESTATIONAL_AGE_MISMATCH',
    'gestationalWeeks',
  ],
  [
    'a control with a fetal heart rate of 900',
    post(() => `/api/pregnancies/${pregnancy}/controls`, {
      controlOn: daysFromToday(0),
      gestationalWeeks: 14,
      fetalHeartRate: 900,
    }),
    422,
    'IMPLAUSIBLE_VITAL_SIGN',
    'fetalHeartRate',
  ],
  [
    'a control in the future',
    post(() => `/api/pregnancies/${pregnancy}/controls`, { controlOn: daysFromToday(7), gestationalWeeks: 15 }),
    400,
    'VALIDATION_FAILED',
    'controlOn',
  ],
  [
    'a birth in the future',
    post(() => `/api/pregnancies/${pregnancy}/birth`, liveBirth({ bornOn: daysFromToday(3) })),
    400,
    'VALIDATION_FAILED',
    'bornOn',
  ],
  [
    'a live birth with no child names',
    post(() => `/api/pregnancies/${pregnancy}/birth`, liveBirth({ child: null })),
    400,
    'VALIDATION_FAILED',
    'child',
  ],
  [
    'a birth weighing 50 grams',
    post(() => `/api/pregnancies/${pregnancy}/birth`, liveBirth({ weightG: 50 })),
    400,
    'VALIDATION_FAILED',
    'weightG',
  ],
  [
    'a death from a cause that does not exist',
    post(() => `/api/persons/${man}/death`, { diedOn: daysFromToday(0), place: 'home', causeIcd10: 'Z99.9' }),
    422,
    'UNKNOWN_DIAGNOSIS',
    'causeIcd10',
  ],
  [
    'a man dead of an obstetric cause',
    post(() => `/api/persons/${man}/death`, { diedOn: daysFromToday(0), place: 'home', causeIcd10: 'O72' }),
    422,
    'DIAGNOSIS_NOT_FOR_SEX',
    'causeIcd10',
  ],
  [
    'a death in the future',
    post(() => `/api/persons/${man}/death`, { diedOn: daysFromToday(1), place: 'home', causeIcd10: 'R99' }),
    400,
    'VALIDATION_FAILED',
    'diedOn',
  ],
  [
    'a death before birth',
    post(() => `/api/persons/${baby}/death`, { diedOn: daysFromToday(-40), place: 'home', causeIcd10: 'R99' }),
    400,
    'VALIDATION_FAILED',
    'diedOn',
  ],
];

describe('bad input to the care records', () => {
  it.each(cases)(
    'refuses %s with a problem naming the field, and writes nothing',
    async (_name, send, status, code, field) => {
      const before = await careSnapshot(w.t);
      const response = await send();
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem.code).toBe(code);
      if (field) expect(problem.errors?.map((e: { field: string }) => e.field)).toContain(field);
      expect(await careSnapshot(w.t)).toEqual(before);
    },
  );
});
