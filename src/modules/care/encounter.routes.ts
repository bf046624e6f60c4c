import { accessOf, type App } from '../../server/context';
import { personIdParams, recordIdParams } from './care.schema';
import { amendEncounterBody, amendmentResultSchema, encounterSchema, recordEncounterBody } from './encounter.schema';
import { amendEncounter, getEncounter, recordEncounter } from './encounter.service';

export async function encounterRoutes(app: App) {
  app.post('/api/persons/:id/encounters', {
    schema: {
      tags: ['care'],
      summary: 'Record a consultation, home visit or community activity (200 when the same id was already recorded)',
      params: personIdParams,
      body: recordEncounterBody,
      response: { 200: encounterSchema, 201: encounterSchema },
    },
    handler: async (request, reply) => {
      const { encounter, created } = await recordEncounter(app.db, accessOf(request), request.params.id, request.body);
      return reply.status(created ? 201 : 200).send(encounter);
    },
  });

  app.get('/api/encounters/:id', {
    schema: {
      tags: ['care'],
      summary: 'An encounter, marked amended or entered in error when it was',
      params: recordIdParams,
      response: { 200: encounterSchema },
    },
    handler: (request) => getEncounter(app.db, accessOf(request), request.params.id),
  });

  app.post('/api/encounters/:id/amendments', {
    schema: {
      tags: ['care'],
      summary: 'Correct an encounter, or mark it entered in error; the original is kept',
      params: recordIdParams,
      body: amendEncounterBody,
      response: { 201: amendmentResultSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await amendEncounter(app.db, accessOf(request), request.params.id, request.body)),
  });
}
