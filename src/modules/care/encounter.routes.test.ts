import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { verifyLedger } from '../integrity/verify.service';
import { bornYearsAgo, careSnapshot, createCareWorld, seedHousehold, type CareWorld } from './care.test-support';

let w: CareWorld;
let adultId: string;
let childId: string;

const homeVisit = (overrides: Record<string, unknown> = {}) => ({
  setting: 'home_visit',
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  reason: 'Control de hipertensión',
  vitals: { systolic: 150, diastolic: 95, heartRate: 78, weightKg: 82.5, heightCm: 170 },
  diagnoses: [{ code: 'i10' }, { code: 'E11.9' }],
  procedures: ['Toma de tensión arterial'],
  notes: 'Refiere cefalea matutina',
  prescriptions: [
    { medicine: 'Enalapril 10 mg', dose: '10 mg', frequency: 'cada 12 horas', durationDays: 30, quantity: 60 },
    { medicine: 'Metformina 850 mg', dose: '850 mg', frequency: 'con el almuerzo', durationDays: 30, quantity: 30 },
  ],
  outcome: 'follow_up',
  followUpOn: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
  ...overrides,
});

beforeAll(async () => {
  w = await createCareWorld();
  const household = await seedHousehold(w.t, w.postId, [
    { firstNames: 'Ramón Antonio', lastNames: 'Blanco Díaz', sex: 'M', birthDate: bornYearsAgo(58) },
    { firstNames: 'Yusmary', lastNames: 'Blanco', sex: 'F', birthDate: bornYearsAgo(4), relationship: 'grandchild' },
  ]);
  [adultId, childId] = household.personIds as [string, string];
});
afterAll(() => w.t.close());

describe('searching the CIE-10 list as you type', () => {
  it('finds codes by prefix and titles by words, ignoring accents and case', async () => {
    const byCode = (await w.doctor.get('/api/icd10?q=e11')).json();
    expect(byCode[0].code).toBe('E11');
    expect(byCode.every((e: { code: string }) => e.code.startsWith('E11'))).toBe(true);
    const byTitle = (await w.doctor.get('/api/icd10?q=HIPERTENSION%20esencial')).json();
    expect(byTitle.map((e: { code: string }) => e.code)).toContain('I10');
    const partial = (await w.doctor.get('/api/icd10?q=rinofar')).json();
    expect(partial[0]).toMatchObject({ code: 'J00', title: 'Rinofaringitis aguda [resfriado común]' });
  });

  it('returns at most 20 entries and refuses an empty query', async () => {
    expect((await w.doctor.get('/api/icd10?q=a')).json().length).toBeLessThanOrEqual(20);
    const empty = await w.doctor.get('/api/icd10?q=');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('q');
  });
});

describe('recording an encounter', () => {
  let encounterId: string;

  it('records a home visit with vital signs, BMI, coded diagnoses, procedures and prescriptions', async () => {
    const before = await careSnapshot(w.t);
    const response = await w.doctor.post(`/api/persons/${adultId}/encounters`, homeVisit());
    expect(response.statusCode, response.body).toBe(201);
    const encounter = response.json();
    encounterId = encounter.id;
    expect(encounter).toMatchObject({
      personId: adultId,
      facilityId: w.postId,
      setting: 'home_visit',
      status: 'current',
      amends: null,
      supersededBy: null,
      outcome: 'follow_up',
      vitals: { systolic: 150, diastolic: 95, weightKg: 82.5, heightCm: 170, bmi: 28.5, temperatureC: null },
      recordedBy: { name: 'dra-medina' },
    });
    expect(encounter.diagnoses).toEqual([
      { code: 'I10', title: 'Hipertensión esencial (primaria)', primary: true },
      expect.objectContaining({ code: 'E11.9', primary: false }),
    ]);
    expect(encounter.prescriptions).toHaveLength(2);
    const after = await careSnapshot(w.t);
    expect(after.encounters - before.encounters).toBe(1);
    expect(after.encounter_diagnoses - before.encounter_diagnoses).toBe(2);
    expect(after.prescriptions - before.prescriptions).toBe(2);
    expect(after.seq - before.seq).toBe(5);
    expect((await verifyLedger(w.t.storage.db)).ok).toBe(true);
  });

  it('takes the flagged diagnosis as primary', async () => {
    const response = await w.doctor.post(
      `/api/persons/${childId}/encounters`,
      homeVisit({
        setting: 'post',
        reason: 'Fiebre y tos',
        vitals: { temperatureC: 38.4, heartRate: 120 },
        diagnoses: [{ code: 'R05' }, { code: 'J00', primary: true }],
        prescriptions: [],
        outcome: 'resolved',
        followUpOn: null,
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().diagnoses.map((d: { code: string; primary: boolean }) => [d.code, d.primary])).toEqual([
      ['J00', true],
      ['R05', false],
    ]);
    expect(response.json().followUpOn).toBeNull();
  });

  it('returns the same encounter when a device sends it twice, and writes it once', async () => {
    const id = newId();
    const first = await w.doctor.post(`/api/persons/${adultId}/encounters`, { ...homeVisit(), id });
    expect(first.statusCode).toBe(201);
    const before = await careSnapshot(w.t);
    const again = await w.doctor.post(`/api/persons/${adultId}/encounters`, { ...homeVisit(), id });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(id);
    expect(again.json().diagnoses).toHaveLength(2);
    expect(await careSnapshot(w.t)).toEqual(before);
  });

  it('reads an encounter back as it was recorded', async () => {
    const response = await w.doctor.get(`/api/encounters/${encounterId}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: encounterId, status: 'current', vitals: { bmi: 28.5 } });
    expect(response.json().prescriptions.map((p: { medicine: string }) => p.medicine)).toEqual([
      'Enalapril 10 mg',
      'Metformina 850 mg',
    ]);
  });

  it("refuses, in the database itself, a diagnosis or prescription with another person or post than its encounter's", async () => {
    const db = w.t.storage.db;
    const encounter = await db
      .selectFrom('encounters')
      .selectAll()
      .where('id', '=', encounterId)
      .executeTakeFirstOrThrow();
    const place = {
      person_id: encounter.person_id,
      facility_id: encounter.facility_id,
      state_code: encounter.state_code,
    };
    const diagnosis = (change: object) => ({
      id: newId(),
      encounter_id: encounterId,
      ...place,
      icd10_code: 'I10',
      is_primary: false,
      ...change,
    });
    const prescription = (change: object) => ({
      id: newId(),
      encounter_id: encounterId,
      ...place,
      medicine: 'Enalapril 10 mg',
      dose: '10 mg',
      frequency: 'cada 12 horas',
      quantity: 60,
      prescribed_by: 'dra-medina',
      prescribed_at: new Date(),
      ...change,
    });
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: { code?: string; constraint?: string }) => ({ code: error.code, constraint: error.constraint }),
      );
    const insertDiagnosis = (change: object) =>
      db.insertInto('encounter_diagnoses').values(diagnosis(change)).execute();
    const insertPrescription = (change: object) =>
      db.insertInto('prescriptions').values(prescription(change)).execute();
    const byKey = (table: string) => ({ code: '23503', constraint: `${table}_encounter_fkey` });
    expect(await refusal(insertDiagnosis({ person_id: childId }))).toEqual(byKey('encounter_diagnoses'));
    expect(await refusal(insertDiagnosis({ facility_id: w.otherPostId }))).toEqual(byKey('encounter_diagnoses'));
    expect(await refusal(insertDiagnosis({ encounter_id: newId() }))).toEqual(byKey('encounter_diagnoses'));
    expect(await refusal(insertPrescription({ person_id: childId }))).toEqual(byKey('prescriptions'));
    expect(await refusal(insertPrescription({ state_code: 'VE-B' }))).toEqual(byKey('prescriptions'));
    const count = async (table: 'encounter_diagnoses' | 'prescriptions') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('encounter_id', '=', encounterId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await count('encounter_diagnoses'), await count('prescriptions')]).toEqual([2, 2]);
  });
});

describe('amending an encounter', () => {
  let originalId: string;
  let correctionId: string;

  beforeAll(async () => {
    originalId = (await w.doctor.post(`/api/persons/${adultId}/encounters`, homeVisit())).json().id;
  });

  it('corrects an encounter with a new one that points at the original, which is kept and marked amended', async () => {
    const before = await careSnapshot(w.t);
    const response = await w.doctor.post(`/api/encounters/${originalId}/amendments`, {
      kind: 'correction',
      reason: 'La tensión se anotó al revés',
      encounter: homeVisit({ vitals: { systolic: 135, diastolic: 85 }, diagnoses: [{ code: 'I10' }] }),
    });
    expect(response.statusCode, response.body).toBe(201);
    const { original, correction } = response.json();
    correctionId = correction.id;
    expect(original).toMatchObject({
      id: originalId,
      status: 'amended',
      vitals: { systolic: 150 },
      supersededBy: { id: correctionId, kind: 'correction', reason: 'La tensión se anotó al revés' },
    });
    expect(correction).toMatchObject({
      status: 'current',
      vitals: { systolic: 135, diastolic: 85 },
      amends: { id: originalId, kind: 'correction' },
    });
    const after = await careSnapshot(w.t);
    expect(after.encounters - before.encounters).toBe(1);
  });

  it('refuses to amend a version that was already amended, pointing at the latest', async () => {
    const response = await w.doctor.post(`/api/encounters/${originalId}/amendments`, {
      kind: 'entered_in_error',
      reason: 'Paciente equivocado',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'ALREADY_AMENDED' });
    expect(response.json().detail).toContain(correctionId);
  });

  it('marks an encounter entered in error with the reason, keeping it on record', async () => {
    const response = await w.doctor.post(`/api/encounters/${correctionId}/amendments`, {
      kind: 'entered_in_error',
      reason: 'Paciente equivocado',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().correction).toBeNull();
    expect(response.json().original).toMatchObject({
      id: correctionId,
      status: 'entered_in_error',
      supersededBy: { kind: 'entered_in_error', reason: 'Paciente equivocado', recordedBy: { name: 'dra-medina' } },
    });
    const read = (await w.doctor.get(`/api/encounters/${correctionId}`)).json();
    expect(read.status).toBe('entered_in_error');
    expect((await verifyLedger(w.t.storage.db)).ok).toBe(true);
  });
});
