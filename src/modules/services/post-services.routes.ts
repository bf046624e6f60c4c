import { accessOf, type App } from '../../server/context';
import { examDestinations, orderExamFromPost, personExams } from './exam-order.service';
import {
  examDestinationListSchema,
  examListSchema,
  examSchema,
  facilityIdParams,
  postExamOrderBody,
  recordIdParams,
} from './services.schema';
import { registeredWalkInSchema, registerWalkInBody, walkInListSchema, walkInQuery } from './walk-in.schema';
import { registerWalkIn, searchWalkIns } from './walk-in.service';

const tags = ['tier II–IV services'];

/**
 * Exams a post orders for its patients, and the emergency room's walk-ins: finding people who
 * arrive with no referral, and registering those who have no record at all.
 */
export async function postServiceRoutes(app: App) {
  app.get('/api/persons/:id/exam-destinations', {
    schema: {
      tags,
      summary: "Where the person's post may send them for exams: its ASIC's CDI, its state's CATs",
      params: recordIdParams,
      response: { 200: examDestinationListSchema },
    },
    handler: (request) => examDestinations(app.db, accessOf(request), request.params.id),
  });
  app.post('/api/persons/:id/exams', {
    schema: {
      tags,
      summary: 'Order an exam for a patient of the post at the CDI or CAT that performs it',
      params: recordIdParams,
      body: postExamOrderBody,
      response: { 201: examSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await orderExamFromPost(app.db, accessOf(request), request.params.id, request.body)),
  });
  app.get('/api/persons/:id/exams', {
    schema: {
      tags,
      summary: "The person's exams wherever they were done, with results",
      params: recordIdParams,
      response: { 200: examListSchema },
    },
    handler: (request) => personExams(app.db, accessOf(request), request.params.id),
  });
  app.get('/api/facilities/:facilityId/walk-ins', {
    schema: {
      tags,
      summary: 'Find a person arriving at the emergency room without a referral, by national id or name',
      params: facilityIdParams,
      querystring: walkInQuery,
      response: { 200: walkInListSchema },
    },
    handler: (request) => searchWalkIns(app.db, accessOf(request), request.params.facilityId, request.query.q),
  });
  app.post('/api/facilities/:facilityId/walk-ins', {
    schema: {
      tags,
      summary:
        'Register a person brought to the emergency room with no record, in a household of the centre not surveyed yet',
      params: facilityIdParams,
      body: registerWalkInBody,
      response: { 201: registeredWalkInSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await registerWalkIn(app.db, accessOf(request), request.params.facilityId, request.body)),
  });
}
