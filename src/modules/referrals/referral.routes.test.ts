import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../test/http';
import { seedUser } from '../../test/harness';
import { latestDenial } from '../care/care.test-support';
import { chestPain, createReferralWorld, type ReferralWorld } from './referral.test-support';

let w: ReferralWorld;

beforeAll(async () => {
  w = await createReferralWorld();
});
afterAll(() => w.t.close());

describe('the referral loop', () => {
  let referralId: string;

  it('lets the receiving facility see nothing of the person before a referral, and the record once referred', async () => {
    const before = await w.cdi.get(`/api/persons/${w.patient}`);
    expect(before.statusCode).toBe(404);
    expect((await latestDenial(w.t)).reason).toContain('outside the care team');

    const sent = await w.doctor.post(`/api/persons/${w.patient}/referrals`, chestPain(w.cdiId));
    expect(sent.statusCode).toBe(201);
    referralId = sent.json().id;
    expect(sent.json()).toMatchObject({ status: 'sent', urgency: 'emergency', side: 'referring', nextSteps: [] });

    expect((await w.cdi.get(`/api/persons/${w.patient}`)).statusCode).toBe(200);
    const timeline = await w.cdi.get(`/api/persons/${w.patient}/timeline`);
    expect(timeline.statusCode).toBe(200);
    // The referral is part of the person's story, for both teams.
    const referralEvent = expect.objectContaining({
      kind: 'referral',
      referral: expect.objectContaining({
        id: referralId,
        status: 'sent',
        to: expect.objectContaining({ id: w.cdiId }),
      }),
    });
    expect(timeline.json().events).toContainEqual(referralEvent);
    const atPost = (await w.doctor.get(`/api/persons/${w.patient}/timeline`)).json();
    expect(atPost.events).toContainEqual(referralEvent);
    // Another person of the same household was not referred: still hidden.
    expect((await w.cdi.get(`/api/persons/${w.otherPatient}`)).statusCode).toBe(404);
    // A facility the person was not referred to sees nothing.
    expect((await w.sri.get(`/api/persons/${w.patient}`)).statusCode).toBe(404);
    // Seeing is not writing: the CDI cannot record a consultation at the post's record.
    expect((await w.cdi.post(`/api/persons/${w.patient}/referrals`, chestPain(w.catId))).statusCode).toBe(404);
  });

  it("puts the referral in the receiving facility's queue and in the post's sent list", async () => {
    const queue = await w.cdi.get(`/api/facilities/${w.cdiId}/referrals/received`);
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((r: { id: string }) => r.id)).toEqual([referralId]);
    expect(queue.json().items[0]).toMatchObject({
      person: { name: 'Pedro Rangel' },
      from: { name: 'Consultorio Popular Los Frailes' },
      serviceCode: 'EMERGENCY_ROOM',
      icd10: { code: 'I20.0' },
      overdue: false,
    });
    const sent = await w.doctor.get(`/api/facilities/${w.postId}/referrals/sent`);
    expect(sent.json().items).toHaveLength(1);
    // Another facility's queue is not this one's business.
    expect((await w.sri.get(`/api/facilities/${w.cdiId}/referrals/received`)).statusCode).toBe(404);
    expect((await w.neighbour.get(`/api/referrals/${referralId}`)).statusCode).toBe(404);
  });

  it('walks received → accepted → attended → counter-referred → closed, each step timed', async () => {
    const receive = await w.cdi.post(`/api/referrals/${referralId}/steps`, { step: 'received' });
    expect(receive.statusCode).toBe(201);
    expect(receive.json().nextSteps).toEqual(['accepted', 'refused']);
    // Only the referring doctor closes; only the receiving facility accepts.
    expect((await w.doctor.post(`/api/referrals/${referralId}/steps`, { step: 'accepted' })).statusCode).toBe(403);
    expect((await w.cdi.post(`/api/referrals/${referralId}/steps`, { step: 'accepted' })).statusCode).toBe(201);
    expect((await w.cdi.post(`/api/referrals/${referralId}/steps`, { step: 'attended' })).statusCode).toBe(201);
    const counter = await w.cdi.post(`/api/referrals/${referralId}/steps`, {
      step: 'counter_referred',
      findings: 'Angina inestable descartada; EKG sin cambios isquémicos',
      treatment: 'Aspirina 100 mg diaria',
      recommendations: 'Control en su consultorio en 7 días',
    });
    expect(counter.statusCode).toBe(201);
    expect(counter.json().status).toBe('counter_referred');

    const worklist = await w.doctor.get(`/api/posts/${w.postId}/worklist?kind=counter_referral_received`);
    expect(worklist.json().items).toEqual([
      expect.objectContaining({
        kind: 'counter_referral_received',
        personId: w.patient,
        detail: expect.objectContaining({ referralId, facilityName: 'CDI Los Frailes' }),
      }),
    ]);

    const closed = await w.doctor.post(`/api/referrals/${referralId}/steps`, { step: 'closed' });
    expect(closed.statusCode).toBe(201);
    expect(closed.json().events.map((e: { step: string }) => e.step)).toEqual([
      'received',
      'accepted',
      'attended',
      'counter_referred',
      'closed',
    ]);
    expect(closed.json().events[3]).toMatchObject({
      findings: expect.stringContaining('Angina'),
      hoursWaited: expect.any(Number),
    });
    expect((await w.doctor.get(`/api/posts/${w.postId}/worklist`)).json().counts.counter_referral_received).toBe(0);
    // The receiving facility keeps seeing the person after the loop closed.
    expect((await w.cdi.get(`/api/persons/${w.patient}`)).statusCode).toBe(200);
  });

  it('records a refusal with its coded reason, and it counts in the figures with the completed loop', async () => {
    const sent = await w.doctor.post(
      `/api/persons/${w.otherPatient}/referrals`,
      chestPain(w.cdiId, { serviceCode: 'ULTRASOUND', urgency: 'routine', icd10Code: 'R10.4' }),
    );
    expect(sent.statusCode).toBe(201);
    const refused = await w.cdi.post(`/api/referrals/${sent.json().id}/steps`, {
      step: 'refused',
      refusalReason: 'equipment_out_of_order',
      notes: 'Ecógrafo dañado',
    });
    expect(refused.statusCode).toBe(201);
    expect(refused.json().events.map((e: { step: string }) => e.step)).toEqual(['received', 'refused']);
    const worklist = await w.doctor.get(`/api/posts/${w.postId}/worklist?kind=referral_refused`);
    expect(worklist.json().items).toHaveLength(1);

    await seedUser(w.t.storage, 'coord-dc', [{ role: 'territory_coordinator', territoryCode: 'VE-A' }]);
    const coordinator = await loginAs(w.t.app, 'coord-dc');
    const figures = await coordinator.get('/api/referral-figures?territory=VE-A');
    expect(figures.statusCode).toBe(200);
    expect(figures.json().referrals).toMatchObject({
      sent: 2,
      received: 2,
      refused: 1,
      completed: 1,
      refusalsOfCare: 1,
      refusedByReason: [{ reason: 'equipment_out_of_order', count: 1 }],
      byTier: [expect.objectContaining({ tier: 2, sent: 2, refused: 1 })],
      byTerritory: [expect.objectContaining({ code: 'VE-A-01', name: 'Libertador', sent: 2 })],
    });
    expect(figures.json().referrals.medianDaysToAttention).toBeGreaterThanOrEqual(0);
    // A coordinator of another state and a doctor see no figures of Distrito Capital.
    await seedUser(w.t.storage, 'coord-zulia', [{ role: 'territory_coordinator', territoryCode: 'VE-V' }]);
    expect((await (await loginAs(w.t.app, 'coord-zulia')).get('/api/referral-figures?territory=VE-A')).statusCode).toBe(
      403,
    );
    expect((await w.doctor.get('/api/referral-figures?territory=VE-A')).statusCode).toBe(403);
  });

  it('shows an unanswered emergency referral as overdue once its deadline passes', async () => {
    const sent = await w.doctor.post(
      `/api/persons/${w.otherPatient}/referrals`,
      chestPain(w.catId, { serviceCode: 'CT' }),
    );
    const id = sent.json().id;
    await w.t.storage.db
      .updateTable('referrals')
      .set({ sent_at: new Date(Date.now() - 3 * 3_600_000), answer_due_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', id)
      .execute();
    const queue = await w.cat.get(`/api/facilities/${w.catId}/referrals/received`);
    expect(queue.json().items[0]).toMatchObject({ id, status: 'sent', overdue: true });
    const worklist = await w.doctor.get(`/api/posts/${w.postId}/worklist?kind=referral_overdue`);
    expect(worklist.json().items.map((i: { detail: { referralId: string } }) => i.detail.referralId)).toEqual([id]);
  });
});
