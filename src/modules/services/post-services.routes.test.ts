import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsicWorld, type AsicWorld } from './post-services.test-support';

let w: AsicWorld;

beforeAll(async () => {
  w = await createAsicWorld();
});
afterAll(() => w.t.close());

const count = async (table: 'exam_orders' | 'emergency_attentions') =>
  Number(
    (
      await w.t.storage.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('a family doctor orders an exam from the post', () => {
  let examId: string;

  it("offers the ASIC's CDI for its exams and the state's CAT for high technology", async () => {
    const response = await w.doctor.get(`/api/persons/${w.patient}/exam-destinations`);
    expect(response.statusCode, response.body).toBe(200);
    const places = response.json().items as { id: string; examCodes: string[] }[];
    expect(places.find((p) => p.id === w.cdiId)?.examCodes).toContain('ELECTROCARDIOGRAPHY');
    expect(places.find((p) => p.id === w.catId)?.examCodes.sort()).toEqual(['CT', 'MRI']);
    expect(places.map((p) => p.id)).not.toContain(w.otherCdiId);
    expect(places.map((p) => p.id)).not.toContain(w.closedCdiId);
  });

  it('orders an EKG at the CDI, which then sees it in its queue and the patient’s record', async () => {
    expect((await w.cdi.get(`/api/persons/${w.patient}`)).statusCode).toBe(404);
    const response = await w.doctor.post(`/api/persons/${w.patient}/exams`, {
      facilityId: w.cdiId,
      examCode: 'ELECTROCARDIOGRAPHY',
      indication: 'Palpitaciones de una semana',
    });
    expect(response.statusCode, response.body).toBe(201);
    examId = response.json().id;
    expect(response.json()).toMatchObject({
      orderingFacility: { id: w.postId },
      facility: { id: w.cdiId },
      result: null,
    });
    const queue = await w.cdi.get(`/api/facilities/${w.cdiId}/exams?pending=true`);
    expect(queue.json().items.map((e: { id: string }) => e.id)).toContain(examId);
    expect((await w.cdi.get(`/api/persons/${w.patient}`)).statusCode).toBe(200);
    expect((await w.otherCdi.get(`/api/persons/${w.patient}`)).statusCode).toBe(404);
  });

  it('sends the result back: on the timeline, and on the worklist until the patient is seen', async () => {
    const reported = await w.cdi.post(`/api/exams/${examId}/result`, { result: 'Ritmo sinusal', abnormal: true });
    expect(reported.statusCode, reported.body).toBe(201);
    const timeline = await w.doctor.get(`/api/persons/${w.patient}/timeline`);
    const exam = timeline.json().events.find((e: { kind: string }) => e.kind === 'exam');
    expect(exam.exam).toMatchObject({ id: examId, result: { text: 'Ritmo sinusal', abnormal: true } });
    const worklist = await w.doctor.get(`/api/posts/${w.postId}/worklist?kind=exam_result_to_read`);
    expect(worklist.json().items).toEqual([
      expect.objectContaining({
        personId: w.patient,
        detail: expect.objectContaining({ examId, examCode: 'ELECTROCARDIOGRAPHY', abnormal: true }),
      }),
    ]);
    const seen = await w.doctor.post(`/api/persons/${w.patient}/encounters`, {
      setting: 'post',
      occurredAt: new Date().toISOString(),
      reason: 'Lectura del electrocardiograma',
      vitals: {},
      diagnoses: [{ code: 'I10' }],
      outcome: 'resolved',
    });
    expect(seen.statusCode, seen.body).toBe(201);
    const after = await w.doctor.get(`/api/posts/${w.postId}/worklist?kind=exam_result_to_read`);
    expect(after.json().items).toEqual([]);
  });

  it.each([
    ['an exam outside the catalog', { examCode: 'OPERATING_ROOM' }, 'NOT_AN_EXAM', 'examCode'],
    ['an exam the facility does not do', { examCode: 'MRI' }, 'SERVICE_NOT_OFFERED', 'examCode'],
    ['a CDI of another ASIC', { facilityId: 'other' }, 'EXAM_OUTSIDE_NETWORK', 'facilityId'],
    ['a closed CDI', { facilityId: 'closed' }, 'FACILITY_NOT_OPERATING', 'facilityId'],
    [
      'a facility that does not exist',
      { facilityId: '0190f0e0-0000-7000-8000-00000000dead' },
      'UNKNOWN_FACILITY',
      'facilityId',
    ],
    ['no indication', { indication: ' ' }, 'VALIDATION_FAILED', 'indication'],
  ])('refuses %s, naming the field, and writes nothing', async (_, override: Record<string, string>, code, field) => {
    const before = await count('exam_orders');
    const named: Record<string, string> = { other: w.otherCdiId, closed: w.closedCdiId };
    const facilityId = override.facilityId && (named[override.facilityId] ?? override.facilityId);
    const response = await w.doctor.post(`/api/persons/${w.patient}/exams`, {
      facilityId: w.cdiId,
      examCode: 'ELECTROCARDIOGRAPHY',
      indication: 'Control',
      ...override,
      ...(facilityId ? { facilityId } : {}),
    });
    expect(response.json()).toMatchObject({ code, errors: [expect.objectContaining({ field })] });
    expect(await count('exam_orders')).toBe(before);
  });

  it("is not for another post's doctor", async () => {
    const response = await w.neighbour.post(`/api/persons/${w.patient}/exams`, {
      facilityId: w.cdiId,
      examCode: 'ELECTROCARDIOGRAPHY',
      indication: 'x',
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('a walk-in at the emergency room', () => {
  it('finds the person among the ASIC’s people, but not from a CDI of another ASIC', async () => {
    const found = await w.cdi.get(`/api/facilities/${w.cdiId}/walk-ins?q=luisa%20rangel`);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items).toEqual([
      expect.objectContaining({
        id: w.otherPatient,
        name: 'Luisa Rangel',
        postName: 'Consultorio Popular Los Frailes',
      }),
    ]);
    const elsewhere = await w.otherCdi.get(`/api/facilities/${w.otherCdiId}/walk-ins?q=luisa%20rangel`);
    expect(elsewhere.json().items).toEqual([]);
    const short = await w.cdi.get(`/api/facilities/${w.cdiId}/walk-ins?q=lu`);
    expect(short.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'q' }] });
  });

  it('attends her without a referral, and from then the CDI — only it — reads her record', async () => {
    expect((await w.cdi.get(`/api/persons/${w.otherPatient}`)).statusCode).toBe(404);
    const attended = await w.cdi.post(`/api/facilities/${w.cdiId}/emergencies`, {
      personId: w.otherPatient,
      triageLevel: 2,
      complaint: 'Crisis hipertensiva',
      lifeSupport: false,
      outcome: 'discharged',
    });
    expect(attended.statusCode, attended.body).toBe(201);
    expect((await w.cdi.get(`/api/persons/${w.otherPatient}`)).statusCode).toBe(200);
    expect((await w.cdi.get(`/api/persons/${w.otherPatient}/timeline`)).statusCode).toBe(200);
    expect((await w.otherCdi.get(`/api/persons/${w.otherPatient}`)).statusCode).toBe(404);
  });

  it('is refused at a CDI that does not serve the person, and nothing is written', async () => {
    const before = await count('emergency_attentions');
    const response = await w.otherCdi.post(`/api/facilities/${w.otherCdiId}/emergencies`, {
      personId: w.otherPatient,
      triageLevel: 3,
      complaint: 'Cefalea',
      lifeSupport: false,
      outcome: 'discharged',
    });
    expect(response.json()).toMatchObject({ code: 'PERSON_NOT_FOUND', errors: [{ field: 'personId' }] });
    expect(await count('emergency_attentions')).toBe(before);
  });
});
