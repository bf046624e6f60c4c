import { accessOf, type App } from '../../server/context';
import { personIdParams, recordIdParams } from './care.schema';
import { recordDeath } from './death.service';
import {
  birthBody,
  birthResultSchema,
  deathBody,
  deathSchema,
  endPregnancyBody,
  prenatalControlBody,
  pregnancySchema,
  registerPregnancyBody,
} from './maternal.schema';
import {
  endPregnancyEarly,
  getPregnancy,
  recordBirth,
  recordPrenatalControl,
  registerPregnancy,
} from './maternal.service';

export async function maternalRoutes(app: App) {
  app.post('/api/persons/:id/pregnancies', {
    schema: {
      tags: ['care'],
      summary: 'Register a pregnancy; the expected date follows from the last menstrual period',
      params: personIdParams,
      body: registerPregnancyBody,
      response: { 201: pregnancySchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await registerPregnancy(app.db, accessOf(request), request.params.id, request.body)),
  });

  app.get('/api/pregnancies/:id', {
    schema: {
      tags: ['care'],
      summary: 'A pregnancy with its controls, births and next control due',
      params: recordIdParams,
      response: { 200: pregnancySchema },
    },
    handler: (request) => getPregnancy(app.db, accessOf(request), request.params.id),
  });

  app.post('/api/pregnancies/:id/controls', {
    schema: {
      tags: ['care'],
      summary: 'Record a prenatal control',
      params: recordIdParams,
      body: prenatalControlBody,
      response: { 201: pregnancySchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await recordPrenatalControl(app.db, accessOf(request), request.params.id, request.body)),
  });

  app.post('/api/pregnancies/:id/birth', {
    schema: {
      tags: ['care'],
      summary: "Record a birth; a live-born child is registered in the mother's household",
      params: recordIdParams,
      body: birthBody,
      response: { 201: birthResultSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await recordBirth(app.db, accessOf(request), request.params.id, request.body)),
  });

  app.post('/api/pregnancies/:id/end', {
    schema: {
      tags: ['care'],
      summary: 'End a pregnancy in an abortion or an ectopic pregnancy',
      params: recordIdParams,
      body: endPregnancyBody,
      response: { 200: pregnancySchema },
    },
    handler: (request) => endPregnancyEarly(app.db, accessOf(request), request.params.id, request.body),
  });

  app.post('/api/persons/:id/death', {
    schema: {
      tags: ['care'],
      summary: 'Record a death; infant and maternal deaths are flagged by rule',
      params: personIdParams,
      body: deathBody,
      response: { 201: deathSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await recordDeath(app.db, accessOf(request), request.params.id, request.body)),
  });
}
