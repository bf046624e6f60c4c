import { z } from 'zod';
import { accessOf, type App } from '../../server/context';
import {
  asicSchema,
  createAsicBody,
  createSectorBody,
  sectorSchema,
  territoryCodeParams,
  territoryMatchSchema,
  territoryNodeSchema,
  territorySearchQuery,
} from './territory.schema';
import { createAsic, createSector, findTerritories, getTerritoryNode } from './territory.service';

export async function territoryRoutes(app: App) {
  app.get('/api/territories/search', {
    schema: {
      tags: ['territory'],
      summary: 'Find states, municipalities and parishes by name, ignoring accents and case',
      querystring: territorySearchQuery,
      response: { 200: z.array(territoryMatchSchema) },
    },
    handler: (request) => findTerritories(app.db, accessOf(request), request.query),
  });

  app.get('/api/territories/:code', {
    schema: {
      tags: ['territory'],
      summary: 'A territory (VE for the nation) with its children and facility counts',
      params: territoryCodeParams,
      response: { 200: territoryNodeSchema },
    },
    handler: (request) => getTerritoryNode(app.db, accessOf(request), request.params.code),
  });

  app.post('/api/sectors', {
    schema: {
      tags: ['territory'],
      summary: 'Register a sector of a parish',
      body: createSectorBody,
      response: { 201: sectorSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createSector(app.db, accessOf(request), request.body)),
  });

  app.post('/api/asics', {
    schema: {
      tags: ['territory'],
      summary: 'Register an ASIC (área de salud integral comunitaria)',
      body: createAsicBody,
      response: { 201: asicSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createAsic(app.db, accessOf(request), request.body)),
  });
}
