import { z } from 'zod';
import { accessOf, type App } from '../../server/context';
import { facilityCountsSchema } from '../territory/territory.schema';
import { FACILITY_KINDS, KIND_TIER } from './facility.rules';
import {
  amendFacilityBody,
  changeStatusBody,
  facilityDetailSchema,
  facilityIdParams,
  facilityPageSchema,
  listFacilitiesQuery,
  registerFacilityBody,
  serviceCatalogSchema,
} from './facility.schema';
import {
  amendFacility,
  changeFacilityStatus,
  facilityCounts,
  findFacilities,
  getFacility,
  registerFacility,
  serviceCatalog,
} from './facility.service';

export async function facilityRoutes(app: App) {
  app.get('/api/facilities', {
    schema: {
      tags: ['facilities'],
      summary: 'List facilities, filtered by territory, tier, kind, status, ASIC or name, a page at a time',
      querystring: listFacilitiesQuery,
      response: { 200: facilityPageSchema },
    },
    handler: (request) => findFacilities(app.db, accessOf(request), request.query),
  });

  app.get('/api/facilities/counts', {
    schema: {
      tags: ['facilities'],
      summary: 'Facilities of a territory counted by tier and status',
      querystring: z.object({ territory: z.string().max(20).optional() }),
      response: { 200: facilityCountsSchema },
    },
    handler: (request) => facilityCounts(app.db, accessOf(request), request.query.territory),
  });

  app.get('/api/facilities/:id', {
    schema: {
      tags: ['facilities'],
      summary: 'A facility with its services, beds and status history',
      params: facilityIdParams,
      response: { 200: facilityDetailSchema },
    },
    handler: (request) => getFacility(app.db, accessOf(request), request.params.id),
  });

  app.post('/api/facilities', {
    schema: {
      tags: ['facilities'],
      summary: 'Register a facility',
      body: registerFacilityBody,
      response: { 201: facilityDetailSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await registerFacility(app.db, accessOf(request), request.body)),
  });

  app.patch('/api/facilities/:id', {
    schema: {
      tags: ['facilities'],
      summary: "Amend a facility's details",
      params: facilityIdParams,
      body: amendFacilityBody,
      response: { 200: facilityDetailSchema },
    },
    handler: (request) => amendFacility(app.db, accessOf(request), request.params.id, request.body),
  });

  app.post('/api/facilities/:id/status', {
    schema: {
      tags: ['facilities'],
      summary: 'Change the status of a facility along its lifecycle',
      params: facilityIdParams,
      body: changeStatusBody,
      response: { 200: facilityDetailSchema },
    },
    handler: (request) => changeFacilityStatus(app.db, accessOf(request), request.params.id, request.body),
  });

  app.get('/api/catalog/services', {
    schema: {
      tags: ['facilities'],
      summary: 'The catalog of services a facility can have installed',
      response: { 200: serviceCatalogSchema },
    },
    handler: (request) => serviceCatalog(app.db, accessOf(request)),
  });

  app.get('/api/catalog/facility-kinds', {
    schema: {
      tags: ['facilities'],
      summary: 'Facility kinds and their tiers',
      response: { 200: z.array(z.object({ kind: z.string(), tier: z.number().int() })) },
    },
    handler: async () => FACILITY_KINDS.map((kind) => ({ kind, tier: KIND_TIER[kind] })),
  });
}
