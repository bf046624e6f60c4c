import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { readLedgerState } from '../integrity/ledger.repository';
import { chestPain, createReferralWorld, type ReferralWorld } from './referral.test-support';

let w: ReferralWorld;
let referralId: string;
let admissionId: string;

/** The ledger head and the row counts of every table of this issue: a refusal must change none of them. */
async function snapshot() {
  const db = w.t.storage.db;
  const head = await readLedgerState(db);
  const { rows } = await sql<{ n: string }>`
    SELECT (SELECT count(*) FROM referrals) || '/' || (SELECT count(*) FROM referral_events) || '/' ||
      (SELECT count(*) FROM exam_results) || '/' || (SELECT count(*) FROM admissions) || '/' ||
      (SELECT count(*) FROM admissions WHERE discharged_at IS NOT NULL) AS n`.execute(db);
  return { seq: Number(head.seq), hash: head.hash, counts: rows[0]!.n };
}

beforeAll(async () => {
  w = await createReferralWorld();
  referralId = (await w.doctor.post(`/api/persons/${w.patient}/referrals`, chestPain(w.cdiId))).json().id;
  await w.cdi.post(`/api/referrals/${referralId}/steps`, { step: 'accepted' });
  await w.cdi.post(`/api/referrals/${referralId}/steps`, { step: 'attended' });
  admissionId = (
    await w.cdi.post(`/api/facilities/${w.cdiId}/admissions`, { personId: w.patient, unit: 'icu', reason: 'Infarto' })
  ).json().id;
  // The CDI's one intensive-care bed is now taken; a second patient is referred to it.
  await w.doctor.post(
    `/api/persons/${w.otherPatient}/referrals`,
    chestPain(w.cdiId, { serviceCode: 'INTENSIVE_CARE' }),
  );
});
afterAll(() => w.t.close());

type Case = [string, () => Promise<LightMyRequestResponse>, number, string, string | null];

const cases: Case[] = [
  [
    'a referral to the referring post itself',
    () => w.doctor.post(`/api/persons/${w.patient}/referrals`, chestPain(w.postId, { serviceCode: 'HOME_VISIT' })),
    422,
    'REFERRAL_TO_SAME_FACILITY',
    'toFacilityId',
  ],
  [
    'a referral to a closed facility',
    () => w.doctor.post(`/api/persons/${w.patient}/referrals`, chestPain(w.closedCdiId)),
    422,
    'FACILITY_NOT_OPERATING',
    'toFacilityId',
  ],
  [
    'a referral to a facility that lacks the service',
    () => w.doctor.post(`/api/persons/${w.patient}/referrals`, chestPain(w.sriId)),
    422,
    'SERVICE_NOT_OFFERED',
    'serviceCode',
  ],
  [
    'a referral to a facility that does not exist',
    () => w.doctor.post(`/api/persons/${w.patient}/referrals`, chestPain(newId())),
    422,
    'UNKNOWN_FACILITY',
    'toFacilityId',
  ],
  [
    'a referral with an unknown CIE-10 code',
    () => w.doctor.post(`/api/persons/${w.patient}/referrals`, chestPain(w.cdiId, { icd10Code: 'Z99.99' })),
    422,
    'UNKNOWN_DIAGNOSIS',
    'icd10Code',
  ],
  [
    'a referral without urgency',
    () => w.doctor.post(`/api/persons/${w.patient}/referrals`, chestPain(w.cdiId, { urgency: undefined })),
    400,
    'VALIDATION_FAILED',
    'urgency',
  ],
  [
    'a counter-referral without findings',
    () =>
      w.cdi.post(`/api/referrals/${referralId}/steps`, { step: 'counter_referred', findings: '   ', treatment: 'x' }),
    400,
    'VALIDATION_FAILED',
    'findings',
  ],
  [
    'a refusal without a reason',
    () => w.cdi.post(`/api/referrals/${referralId}/steps`, { step: 'refused' }),
    400,
    'VALIDATION_FAILED',
    'refusalReason',
  ],
  [
    'closing a referral that has no counter-referral yet',
    () => w.doctor.post(`/api/referrals/${referralId}/steps`, { step: 'closed' }),
    409,
    'REFERRAL_STEP_NOT_ALLOWED',
    'step',
  ],
  [
    'refusing a referral already accepted',
    () => w.cdi.post(`/api/referrals/${referralId}/steps`, { step: 'refused', refusalReason: 'no_beds' }),
    409,
    'REFERRAL_STEP_NOT_ALLOWED',
    'step',
  ],
  [
    'a result for an exam never ordered',
    () => w.cdi.post(`/api/exams/${newId()}/result`, { result: 'Normal' }),
    404,
    'EXAM_ORDER_NOT_FOUND',
    null,
  ],
  [
    'an admission to a full unit',
    () =>
      w.cdi.post(`/api/facilities/${w.cdiId}/admissions`, {
        personId: w.otherPatient,
        unit: 'icu',
        reason: 'Sepsis',
      }),
    409,
    'UNIT_FULL',
    'unit',
  ],
  [
    'a discharge with no admission',
    () => w.cdi.post(`/api/admissions/${newId()}/discharge`, { outcome: 'recovered' }),
    404,
    'ADMISSION_NOT_FOUND',
    null,
  ],
  [
    'a discharge dated before the admission',
    () =>
      w.cdi.post(`/api/admissions/${admissionId}/discharge`, {
        outcome: 'recovered',
        dischargedAt: new Date(Date.now() - 86_400_000).toISOString(),
      }),
    422,
    'DISCHARGE_BEFORE_ADMISSION',
    'dischargedAt',
  ],
  [
    'an admission of a person neither of the facility nor referred to it',
    () => w.cdi.post(`/api/facilities/${w.cdiId}/admissions`, { personId: newId(), unit: 'ward', reason: 'x' }),
    404,
    'PERSON_NOT_FOUND',
    'personId',
  ],
];

describe('bad input to referrals and tier II services', () => {
  it.each(cases)('refuses %s, naming the problem, and writes nothing', async (_name, call, status, code, field) => {
    const before = await snapshot();
    const response = await call();
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe(code);
    if (field) expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await snapshot()).toEqual(before);
  });
});
