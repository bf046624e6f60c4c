import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser } from '../../test/harness';
import { loginAs, type Client } from '../../test/http';
import { createReferralWorld, type ReferralWorld } from '../referrals/referral.test-support';

/** Tiers III–IV work by the mechanisms of the CDI: referral, consultation, admission, counter-referral. */
let w: ReferralWorld;
let hospital: Client;
let hospitalId: string;
let nationalId: string;
let national: Client;

beforeAll(async () => {
  w = await createReferralWorld();
  const create = async (body: Record<string, unknown>) => {
    const response = await w.admin.post('/api/facilities', { parishCode: 'VE-A-01-22', status: 'operating', ...body });
    if (response.statusCode !== 201) throw new Error(`facility: ${response.statusCode} ${response.body}`);
    return response.json().id as string;
  };
  hospitalId = await create({
    code: 'VE-A-HOS-0101',
    name: 'Hospital General Dr. José Gregorio Hernández',
    kind: 'hospital',
    services: ['SPECIALIST_CONSULTATIONS', 'INTERNAL_MEDICINE_WARD', 'INTENSIVE_CARE', 'CT', 'ECHOCARDIOGRAPHY'],
    bedsWard: 10,
    bedsIcu: 2,
  });
  nationalId = await create({
    code: 'VE-A-HCI-0001',
    name: 'Hospital Cardiológico Infantil',
    kind: 'national_hospital',
    services: ['PAEDIATRIC_CARDIOLOGY', 'INTENSIVE_CARE', 'ECHOCARDIOGRAPHY'],
    bedsWard: 109,
    bedsIcu: 33,
  });
  await seedUser(w.t.storage, 'dr-hospital', [{ role: 'facility_clinician', facilityId: hospitalId }]);
  await seedUser(w.t.storage, 'dr-cardio', [{ role: 'facility_clinician', facilityId: nationalId }]);
  hospital = await loginAs(w.t.app, 'dr-hospital');
  national = await loginAs(w.t.app, 'dr-cardio');
});
afterAll(() => w.t.close());

describe('a tier III hospital', () => {
  it('gives a specialist consultation, admits, discharges and counter-refers a referred patient', async () => {
    const referral = await w.doctor.post(`/api/persons/${w.patient}/referrals`, {
      toFacilityId: hospitalId,
      serviceCode: 'SPECIALIST_CONSULTATIONS',
      reason: 'Insuficiencia cardíaca descompensada',
      icd10Code: 'I50.0',
      urgency: 'priority',
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const id = referral.json().id;
    expect((await hospital.get(`/api/facilities/${hospitalId}/referrals/received`)).json().items).toHaveLength(1);
    expect((await hospital.get(`/api/persons/${w.patient}`)).statusCode).toBe(200);
    expect((await hospital.post(`/api/referrals/${id}/steps`, { step: 'accepted' })).statusCode).toBe(201);
    expect((await hospital.post(`/api/referrals/${id}/steps`, { step: 'attended' })).statusCode).toBe(201);
    const exam = await hospital.post(`/api/facilities/${hospitalId}/exams`, {
      personId: w.patient,
      examCode: 'ECHOCARDIOGRAPHY',
      indication: 'Fracción de eyección',
      referralId: id,
    });
    expect(exam.statusCode, exam.body).toBe(201);
    const admitted = await hospital.post(`/api/facilities/${hospitalId}/admissions`, {
      personId: w.patient,
      unit: 'ward',
      reason: 'Compensación',
      referralId: id,
    });
    expect(admitted.statusCode, admitted.body).toBe(201);
    const board = await hospital.get(`/api/facilities/${hospitalId}/bed-board`);
    expect(board.json().units[0]).toMatchObject({ unit: 'ward', beds: 10, occupied: 1 });
    const discharged = await hospital.post(`/api/admissions/${admitted.json().id}/discharge`, { outcome: 'improved' });
    expect(discharged.statusCode, discharged.body).toBe(201);
    const counter = await hospital.post(`/api/referrals/${id}/steps`, {
      step: 'counter_referred',
      findings: 'Fracción de eyección 35 %',
      treatment: 'Furosemida, enalapril',
      recommendations: 'Control mensual en su consultorio',
    });
    expect(counter.statusCode, counter.body).toBe(201);
    const worklist = await w.doctor.get(`/api/posts/${w.postId}/worklist?kind=counter_referral_received`);
    expect(worklist.json().items[0].detail).toMatchObject({ referralId: id, serviceCode: 'SPECIALIST_CONSULTATIONS' });
  });
});

describe('a tier IV national hospital', () => {
  it('admits a referred patient to its specialty ward, which has no internal medicine', async () => {
    const referral = await w.doctor.post(`/api/persons/${w.otherPatient}/referrals`, {
      toFacilityId: nationalId,
      serviceCode: 'PAEDIATRIC_CARDIOLOGY',
      reason: 'Valvulopatía para corrección quirúrgica',
      icd10Code: 'I50.0',
      urgency: 'routine',
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const admitted = await national.post(`/api/facilities/${nationalId}/admissions`, {
      personId: w.otherPatient,
      unit: 'ward',
      reason: 'Preparación quirúrgica',
      referralId: referral.json().id,
    });
    expect(admitted.statusCode, admitted.body).toBe(201);
    expect((await national.get(`/api/facilities/${nationalId}/bed-board`)).json().units[0]).toMatchObject({
      beds: 109,
      occupied: 1,
    });
    // A CDI has a ward only with internal medicine installed: the SRI has none.
    const sri = await w.sri.post(`/api/facilities/${w.sriId}/admissions`, {
      personId: w.otherPatient,
      unit: 'ward',
      reason: 'x',
    });
    expect(sri.statusCode).toBeGreaterThanOrEqual(400);
  });
});
