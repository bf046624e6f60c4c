import { accessOf, type App } from '../../server/context';
import { getReferral } from '../referrals/referral.service';
import { admit, bedBoard, discharge, listAdmissions, listReferralAdmissions, transfer } from './admission.service';
import { emergencyList, recordEmergency, recordSurgery, surgeryList } from './cdi.service';
import { deliveryList, pregnanciesInCare, recordDelivery } from './delivery.service';
import { listFacilityExams, listReferralExams, orderExam, reportExamResult } from './exam.service';
import { createRehabPlan, dischargeRehab, listRehabPlans, recordRehabSession } from './rehab.service';
import {
  admissionListQuery,
  admissionListSchema,
  admissionSchema,
  admitBody,
  bedBoardSchema,
  createdSchema,
  deliveryBody,
  deliveryListSchema,
  pregnancyInCareListSchema,
  dischargeBody,
  emergencyBody,
  emergencyListSchema,
  surgeryListSchema,
  examListQuery,
  examListSchema,
  examResultBody,
  examSchema,
  facilityIdParams,
  orderExamBody,
  recordIdParams,
  rehabDischargeBody,
  rehabPlanBody,
  rehabPlanListSchema,
  rehabPlanSchema,
  rehabSessionBody,
  surgeryBody,
  transferBody,
} from './services.schema';

const tags = ['tier II–IV services'];

/** Exams, emergencies, admissions and beds, surgeries, deliveries and rehabilitation at CDIs, SRIs, CATs and hospitals. */
export async function tierServiceRoutes(app: App) {
  const created = { 201: createdSchema };

  app.post('/api/facilities/:facilityId/exams', {
    schema: {
      tags,
      summary: 'Order an exam the facility performs',
      params: facilityIdParams,
      body: orderExamBody,
      response: { 201: examSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await orderExam(app.db, accessOf(request), request.params.facilityId, request.body)),
  });
  app.get('/api/facilities/:facilityId/exams', {
    schema: {
      tags,
      summary: "A facility's exams, newest first",
      params: facilityIdParams,
      querystring: examListQuery,
      response: { 200: examListSchema },
    },
    handler: (request) => listFacilityExams(app.db, accessOf(request), request.params.facilityId, request.query),
  });
  app.post('/api/exams/:id/result', {
    schema: {
      tags,
      summary: 'Report the result of an ordered exam',
      params: recordIdParams,
      body: examResultBody,
      response: { 201: examSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await reportExamResult(app.db, accessOf(request), request.params.id, request.body)),
  });

  app.get('/api/referrals/:id/exams', {
    schema: {
      tags,
      summary: 'The exams done for a referral, with results, for both ends of it',
      params: recordIdParams,
      response: { 200: examListSchema },
    },
    handler: async (request) => {
      await getReferral(app.db, accessOf(request), request.params.id);
      return { items: await listReferralExams(app.db, request.params.id) };
    },
  });
  app.get('/api/referrals/:id/admissions', {
    schema: {
      tags,
      summary: 'The admissions of a referral, for both ends of it',
      params: recordIdParams,
      response: { 200: admissionListSchema },
    },
    handler: async (request) => {
      await getReferral(app.db, accessOf(request), request.params.id);
      return { items: await listReferralAdmissions(app.db, request.params.id) };
    },
  });

  app.post('/api/facilities/:facilityId/emergencies', {
    schema: {
      tags,
      summary: 'Record an emergency attention',
      params: facilityIdParams,
      body: emergencyBody,
      response: created,
    },
    handler: async (request, reply) =>
      reply.status(201).send(await recordEmergency(app.db, accessOf(request), request.params.facilityId, request.body)),
  });
  app.get('/api/facilities/:facilityId/emergencies', {
    schema: {
      tags,
      summary: 'The latest emergency attentions, with lives saved',
      params: facilityIdParams,
      response: { 200: emergencyListSchema },
    },
    handler: (request) => emergencyList(app.db, accessOf(request), request.params.facilityId),
  });

  app.post('/api/facilities/:facilityId/admissions', {
    schema: {
      tags,
      summary: 'Admit a patient to the ward or intensive care',
      params: facilityIdParams,
      body: admitBody,
      response: { 201: admissionSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await admit(app.db, accessOf(request), request.params.facilityId, request.body)),
  });
  app.get('/api/facilities/:facilityId/admissions', {
    schema: {
      tags,
      summary: "A facility's admissions, newest first",
      params: facilityIdParams,
      querystring: admissionListQuery,
      response: { 200: admissionListSchema },
    },
    handler: (request) => listAdmissions(app.db, accessOf(request), request.params.facilityId, request.query),
  });
  app.get('/api/facilities/:facilityId/bed-board', {
    schema: {
      tags,
      summary: 'Beds by unit: occupied, free, and by whom',
      params: facilityIdParams,
      response: { 200: bedBoardSchema },
    },
    handler: (request) => bedBoard(app.db, accessOf(request), request.params.facilityId),
  });
  app.post('/api/admissions/:id/transfer', {
    schema: {
      tags,
      summary: 'Move an admitted patient between ward and intensive care',
      params: recordIdParams,
      body: transferBody,
      response: { 201: admissionSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await transfer(app.db, accessOf(request), request.params.id, request.body)),
  });
  app.post('/api/admissions/:id/discharge', {
    schema: {
      tags,
      summary: 'Discharge an admitted patient with the outcome',
      params: recordIdParams,
      body: dischargeBody,
      response: { 201: admissionSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await discharge(app.db, accessOf(request), request.params.id, request.body)),
  });

  app.post('/api/facilities/:facilityId/surgeries', {
    schema: { tags, summary: 'Record a surgery', params: facilityIdParams, body: surgeryBody, response: created },
    handler: async (request, reply) =>
      reply.status(201).send(await recordSurgery(app.db, accessOf(request), request.params.facilityId, request.body)),
  });
  app.get('/api/facilities/:facilityId/surgeries', {
    schema: {
      tags,
      summary: "The operating room's latest surgeries",
      params: facilityIdParams,
      response: { 200: surgeryListSchema },
    },
    handler: (request) => surgeryList(app.db, accessOf(request), request.params.facilityId),
  });
  app.get('/api/facilities/:facilityId/deliveries', {
    schema: {
      tags,
      summary: 'The latest deliveries, each with its birth',
      params: facilityIdParams,
      response: { 200: deliveryListSchema },
    },
    handler: (request) => deliveryList(app.db, accessOf(request), request.params.facilityId),
  });
  app.get('/api/facilities/:facilityId/pregnancies', {
    schema: {
      tags,
      summary: 'Ongoing pregnancies of the women in the facility’s care, whose delivery it may record',
      params: facilityIdParams,
      response: { 200: pregnancyInCareListSchema },
    },
    handler: (request) => pregnanciesInCare(app.db, accessOf(request), request.params.facilityId),
  });
  app.post('/api/facilities/:facilityId/deliveries', {
    schema: {
      tags,
      summary: 'Record a delivery, linked to the pregnancy and birth',
      params: facilityIdParams,
      body: deliveryBody,
      response: created,
    },
    handler: async (request, reply) =>
      reply.status(201).send(await recordDelivery(app.db, accessOf(request), request.params.facilityId, request.body)),
  });

  app.post('/api/facilities/:facilityId/rehab-plans', {
    schema: {
      tags,
      summary: 'Open a rehabilitation plan',
      params: facilityIdParams,
      body: rehabPlanBody,
      response: { 201: rehabPlanSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createRehabPlan(app.db, accessOf(request), request.params.facilityId, request.body)),
  });
  app.get('/api/facilities/:facilityId/rehab-plans', {
    schema: {
      tags,
      summary: "A rehabilitation room's plans",
      params: facilityIdParams,
      response: { 200: rehabPlanListSchema },
    },
    handler: (request) => listRehabPlans(app.db, accessOf(request), request.params.facilityId),
  });
  app.post('/api/rehab-plans/:id/sessions', {
    schema: {
      tags,
      summary: 'Record a session, attended or missed',
      params: recordIdParams,
      body: rehabSessionBody,
      response: { 201: rehabPlanSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await recordRehabSession(app.db, accessOf(request), request.params.id, request.body)),
  });
  app.post('/api/rehab-plans/:id/discharge', {
    schema: {
      tags,
      summary: 'Discharge from rehabilitation',
      params: recordIdParams,
      body: rehabDischargeBody,
      response: { 201: rehabPlanSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await dischargeRehab(app.db, accessOf(request), request.params.id, request.body)),
  });
}
