import { z } from 'zod';
import { accessOf, type App } from '../../server/context';
import { censusOverviewSchema, censusQuery } from './census.schema';
import { postCensus } from './census.service';
import { DISABILITIES, RISK_FACTORS } from './classification.rules';
import { ELECTRICITY, FLOORS, SANITATION, VECTORS, WASTE_DISPOSAL, WATER_SOURCES } from './household.rules';
import {
  addFamilyBody,
  amendHouseholdBody,
  familySchema,
  householdDetailSchema,
  householdIdParams,
  postIdParams,
  registerHouseholdBody,
} from './household.schema';
import { addFamily, addMember, amendHousehold, getHousehold, registerHousehold } from './household.service';
import { RELATIONSHIPS } from './person.rules';
import { addMemberBody, personSummarySchema } from './person.schema';

export async function householdRoutes(app: App) {
  app.get('/api/posts/:facilityId/census', {
    schema: {
      tags: ['census'],
      summary: "A post's census: counts against its target, persons by dispensary group, and its households",
      params: postIdParams,
      querystring: censusQuery,
      response: { 200: censusOverviewSchema },
    },
    handler: (request) => postCensus(app.db, accessOf(request), request.params.facilityId, request.query),
  });

  app.post('/api/posts/:facilityId/households', {
    schema: {
      tags: ['census'],
      summary: 'Register a household at a post with its living conditions, families and members',
      params: postIdParams,
      body: registerHouseholdBody,
      response: { 201: householdDetailSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await registerHousehold(app.db, accessOf(request), request.params.facilityId, request.body)),
  });

  app.get('/api/households/:id', {
    schema: {
      tags: ['census'],
      summary: 'A household with its living conditions, families and current members',
      params: householdIdParams,
      response: { 200: householdDetailSchema },
    },
    handler: (request) => getHousehold(app.db, accessOf(request), request.params.id),
  });

  app.patch('/api/households/:id', {
    schema: {
      tags: ['census'],
      summary: "Amend a household's address, place or living conditions",
      params: householdIdParams,
      body: amendHouseholdBody,
      response: { 200: householdDetailSchema },
    },
    handler: (request) => amendHousehold(app.db, accessOf(request), request.params.id, request.body),
  });

  app.post('/api/households/:id/families', {
    schema: {
      tags: ['census'],
      summary: 'Add a family to a household',
      params: householdIdParams,
      body: addFamilyBody,
      response: { 201: familySchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await addFamily(app.db, accessOf(request), request.params.id, request.body.name)),
  });

  app.post('/api/households/:id/members', {
    schema: {
      tags: ['census'],
      summary: 'Register a new member of a household',
      params: householdIdParams,
      body: addMemberBody,
      response: { 201: personSummarySchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await addMember(app.db, accessOf(request), request.params.id, request.body)),
  });

  app.get('/api/catalog/census-codes', {
    schema: {
      tags: ['census'],
      summary: 'The codes of living conditions, relationships, risk factors and disabilities',
      response: { 200: z.record(z.string(), z.array(z.string())) },
    },
    handler: async () => ({
      waterSources: [...WATER_SOURCES],
      sanitation: [...SANITATION],
      electricity: [...ELECTRICITY],
      floors: [...FLOORS],
      wasteDisposal: [...WASTE_DISPOSAL],
      vectors: [...VECTORS],
      relationships: [...RELATIONSHIPS],
      riskFactors: [...RISK_FACTORS],
      disabilities: [...DISABILITIES],
    }),
  });
}
