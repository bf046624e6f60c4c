import { figuresQuery, figuresSchema } from './figures.schema';
import { referralFigures } from './figures.service';
import { accessOf, type App } from '../../server/context';
import { personIdParams } from '../care/care.schema';
import {
  facilityIdParams,
  referralDetailSchema,
  referralIdParams,
  referralListQuery,
  referralListSchema,
  sendReferralBody,
  stepBody,
} from './referral.schema';
import { facilityQueue, getReferral, sendReferral, sentReferrals, takeStep } from './referral.service';

export async function referralRoutes(app: App) {
  app.post('/api/persons/:id/referrals', {
    schema: {
      tags: ['referrals'],
      summary: 'Refer a person of your post to a service of another facility',
      params: personIdParams,
      body: sendReferralBody,
      response: { 201: referralDetailSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await sendReferral(app.db, accessOf(request), request.params.id, request.body)),
  });

  app.get('/api/referrals/:id', {
    schema: {
      tags: ['referrals'],
      summary: 'A referral with its steps and how long each waited',
      params: referralIdParams,
      response: { 200: referralDetailSchema },
    },
    handler: (request) => getReferral(app.db, accessOf(request), request.params.id),
  });

  app.post('/api/referrals/:id/steps', {
    schema: {
      tags: ['referrals'],
      summary: 'Receive, accept, refuse (with a coded reason), attend, counter-refer or close a referral',
      params: referralIdParams,
      body: stepBody,
      response: { 201: referralDetailSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await takeStep(app.db, accessOf(request), request.params.id, request.body)),
  });

  app.get('/api/facilities/:facilityId/referrals/received', {
    schema: {
      tags: ['referrals'],
      summary: "A facility's referral queue",
      params: facilityIdParams,
      querystring: referralListQuery,
      response: { 200: referralListSchema },
    },
    handler: (request) => facilityQueue(app.db, accessOf(request), request.params.facilityId, request.query.scope),
  });

  app.get('/api/facilities/:facilityId/referrals/sent', {
    schema: {
      tags: ['referrals'],
      summary: 'The referrals a post sent and where each stands',
      params: facilityIdParams,
      querystring: referralListQuery,
      response: { 200: referralListSchema },
    },
    handler: (request) => sentReferrals(app.db, accessOf(request), request.params.facilityId, request.query.scope),
  });
  await referralFigureRoutes(app);
}

export async function referralFigureRoutes(app: App) {
  app.get('/api/referral-figures', {
    schema: {
      tags: ['referrals'],
      summary:
        'Referrals sent, received, refused by reason, completed, days to attention; beds, emergencies, surgeries, exams, rehabilitation',
      querystring: figuresQuery,
      response: { 200: figuresSchema },
    },
    handler: (request) => referralFigures(app.db, accessOf(request), request.query),
  });
}
