import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../test/http';
import { seedUser } from '../../test/harness';
import { chestPain, createReferralWorld, type ReferralWorld } from '../referrals/referral.test-support';

let w: ReferralWorld;
let referralId: string;

beforeAll(async () => {
  w = await createReferralWorld();
  referralId = (await w.doctor.post(`/api/persons/${w.patient}/referrals`, chestPain(w.cdiId))).json().id;
  await w.cdi.post(`/api/referrals/${referralId}/steps`, { step: 'accepted' });
});
afterAll(() => w.t.close());

describe('exams at the CDI', () => {
  it('orders an EKG and a lab test for the referred patient and reports their results back', async () => {
    const ekg = await w.cdi.post(`/api/facilities/${w.cdiId}/exams`, {
      personId: w.patient,
      examCode: 'ELECTROCARDIOGRAPHY',
      indication: 'Dolor torácico',
      referralId,
    });
    expect(ekg.statusCode).toBe(201);
    expect(ekg.json()).toMatchObject({ examName: 'Electrocardiograma', result: null });
    const pending = await w.cdi.get(`/api/facilities/${w.cdiId}/exams?pending=true`);
    expect(pending.json().items).toHaveLength(1);
    const result = await w.cdi.post(`/api/exams/${ekg.json().id}/result`, {
      result: 'Ritmo sinusal, sin cambios del ST',
      abnormal: false,
    });
    expect(result.statusCode).toBe(201);
    expect(result.json().result).toMatchObject({ text: 'Ritmo sinusal, sin cambios del ST', abnormal: false });
    expect((await w.cdi.post(`/api/exams/${ekg.json().id}/result`, { result: 'otra vez' })).json().code).toBe(
      'EXAM_ALREADY_REPORTED',
    );
    // The referring team reads the results on the referral.
    const exams = await w.doctor.get(`/api/referrals/${referralId}/exams`);
    expect(exams.statusCode).toBe(200);
    expect(exams.json().items[0].result.text).toContain('Ritmo sinusal');
  });

  it('refuses an exam the facility does not perform, and one outside the catalog', async () => {
    const mri = await w.cdi.post(`/api/facilities/${w.cdiId}/exams`, {
      personId: w.patient,
      examCode: 'MRI',
      indication: 'x',
    });
    expect(mri.json()).toMatchObject({ code: 'SERVICE_NOT_OFFERED', errors: [{ field: 'examCode' }] });
    const gym = await w.cdi.post(`/api/facilities/${w.cdiId}/exams`, {
      personId: w.patient,
      examCode: 'OPERATING_ROOM',
      indication: 'x',
    });
    expect(gym.json().code).toBe('NOT_AN_EXAM');
  });
});

describe('admissions and the bed board', () => {
  let admissionId: string;

  it('admits the referred patient to the ward and shows the bed taken', async () => {
    const admitted = await w.cdi.post(`/api/facilities/${w.cdiId}/admissions`, {
      personId: w.patient,
      unit: 'ward',
      reason: 'Observación de dolor torácico',
      referralId,
    });
    expect(admitted.statusCode).toBe(201);
    admissionId = admitted.json().id;
    const board = await w.cdi.get(`/api/facilities/${w.cdiId}/bed-board`);
    expect(board.json().units).toEqual([
      expect.objectContaining({ unit: 'ward', beds: 2, occupied: 1, free: 1, occupancy: 0.5 }),
      expect.objectContaining({ unit: 'icu', beds: 1, occupied: 0, free: 1 }),
    ]);
    expect(board.json().units[0].patients[0].person.name).toBe('Pedro Rangel');
    expect((await w.sri.get(`/api/facilities/${w.cdiId}/bed-board`)).statusCode).toBe(404);
  });

  it('transfers to intensive care and discharges alive, freeing the bed', async () => {
    const moved = await w.cdi.post(`/api/admissions/${admissionId}/transfer`, { toUnit: 'icu' });
    expect(moved.statusCode).toBe(201);
    expect(moved.json().unit).toBe('icu');
    const discharged = await w.cdi.post(`/api/admissions/${admissionId}/discharge`, { outcome: 'improved' });
    expect(discharged.statusCode).toBe(201);
    expect(discharged.json()).toMatchObject({ dischargeOutcome: 'improved', dischargedAt: expect.any(String) });
    const board = await w.cdi.get(`/api/facilities/${w.cdiId}/bed-board`);
    expect(board.json().units.map((u: { occupied: number }) => u.occupied)).toEqual([0, 0]);
    expect((await w.cdi.post(`/api/admissions/${admissionId}/discharge`, { outcome: 'improved' })).json().code).toBe(
      'ALREADY_DISCHARGED',
    );
  });
});

describe('emergencies, lives saved, surgeries', () => {
  it('counts a life saved only when life support was given and the patient left alive', async () => {
    const attended = await w.cdi.post(`/api/facilities/${w.cdiId}/emergencies`, {
      personId: w.patient,
      referralId,
      triageLevel: 1,
      complaint: 'Paro cardiorrespiratorio',
      lifeSupport: true,
      outcome: 'admitted',
    });
    expect(attended.statusCode).toBe(201);
    const emergencyId = attended.json().id;
    let list = await w.cdi.get(`/api/facilities/${w.cdiId}/emergencies`);
    expect(list.json().items[0]).toMatchObject({ lifeSupport: true, lifeSaved: false });
    const admission = await w.cdi.post(`/api/facilities/${w.cdiId}/admissions`, {
      personId: w.patient,
      unit: 'icu',
      reason: 'Post paro',
      lifeSupport: true,
      emergencyId,
    });
    expect(admission.statusCode).toBe(201);
    await w.cdi.post(`/api/admissions/${admission.json().id}/discharge`, { outcome: 'recovered' });
    list = await w.cdi.get(`/api/facilities/${w.cdiId}/emergencies`);
    expect(list.json().items[0]).toMatchObject({ lifeSaved: true });

    const surgery = await w.cdi.post(`/api/facilities/${w.cdiId}/surgeries`, {
      personId: w.patient,
      kind: 'major_emergency',
      procedure: 'Colecistectomía',
    });
    expect(surgery.statusCode).toBe(201);
    const theatre = await w.cdi.get(`/api/facilities/${w.cdiId}/surgeries`);
    expect(theatre.statusCode).toBe(200);
    expect(theatre.json().items).toEqual([
      expect.objectContaining({ id: surgery.json().id, kind: 'major_emergency', procedure: 'Colecistectomía' }),
    ]);
    // Another facility's team sees nothing of this operating room.
    expect((await w.sri.get(`/api/facilities/${w.cdiId}/surgeries`)).statusCode).toBe(404);

    await seedUser(w.t.storage, 'coord', [{ role: 'territory_coordinator', territoryCode: 'VE-A' }]);
    const figures = (await (await loginAs(w.t.app, 'coord')).get('/api/referral-figures?territory=VE-A-01')).json();
    expect(figures.emergencies).toEqual({ attentions: 1, lifeSupport: 1, livesSaved: 1, died: 0 });
    expect(figures.surgeries).toEqual([{ kind: 'major_emergency', count: 1 }]);
    expect(figures.exams).toEqual([expect.objectContaining({ code: 'ELECTROCARDIOGRAPHY', ordered: 1, reported: 1 })]);
    expect(figures.beds).toEqual([
      { unit: 'ward', beds: 2, occupied: 0, occupancy: 0 },
      { unit: 'icu', beds: 1, occupied: 0, occupancy: 0 },
    ]);
  });
});

describe('rehabilitation at the SRI', () => {
  it('runs a plan session by session and discharges', async () => {
    const referral = await w.doctor.post(
      `/api/persons/${w.otherPatient}/referrals`,
      chestPain(w.sriId, {
        serviceCode: 'REHABILITATION_CONSULTATION',
        urgency: 'routine',
        icd10Code: 'M54.4',
        reason: 'Lumbociatalgia',
      }),
    );
    expect(referral.statusCode).toBe(201);
    const plan = await w.sri.post(`/api/facilities/${w.sriId}/rehab-plans`, {
      personId: w.otherPatient,
      referralId: referral.json().id,
      diagnosisIcd10: 'M54.4',
      modalities: ['ELECTROTHERAPY', 'THERAPEUTIC_GYM'],
      sessionsPlanned: 10,
    });
    expect(plan.statusCode).toBe(201);
    const today = plan.json().startedOn;
    await w.sri.post(`/api/rehab-plans/${plan.json().id}/sessions`, {
      modality: 'ELECTROTHERAPY',
      sessionOn: today,
      attended: true,
    });
    const missed = await w.sri.post(`/api/rehab-plans/${plan.json().id}/sessions`, {
      modality: 'THERAPEUTIC_GYM',
      sessionOn: today,
      attended: false,
    });
    expect(missed.json()).toMatchObject({ attended: 1, missed: 1 });
    const wrong = await w.sri.post(`/api/rehab-plans/${plan.json().id}/sessions`, {
      modality: 'HYDROTHERAPY',
      sessionOn: today,
      attended: true,
    });
    expect(wrong.json().code).toBe('MODALITY_NOT_IN_PLAN');
    const done = await w.sri.post(`/api/rehab-plans/${plan.json().id}/discharge`, {
      outcome: 'improved',
      dischargedOn: today,
    });
    expect(done.json()).toMatchObject({ dischargeOutcome: 'improved', dischargedOn: today });
  });
});
