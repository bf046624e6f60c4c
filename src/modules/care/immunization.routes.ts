import { accessOf, type App } from '../../server/context';
import { personIdParams, recordIdParams } from './care.schema';
import { givenDoseSchema, immunizationCardSchema, recordDoseBody, voidDoseBody } from './immunization.schema';
import { immunizationCard, recordDose, voidDose } from './immunization.service';

export async function immunizationRoutes(app: App) {
  app.get('/api/persons/:id/immunizations', {
    schema: {
      tags: ['care'],
      summary: "A person's doses given, and the doses due, overdue and upcoming by the national schedule",
      params: personIdParams,
      response: { 200: immunizationCardSchema },
    },
    handler: (request) => immunizationCard(app.db, accessOf(request), request.params.id),
  });

  app.post('/api/persons/:id/immunizations', {
    schema: {
      tags: ['care'],
      summary: 'Record a dose given (200 when the same id was already recorded)',
      params: personIdParams,
      body: recordDoseBody,
      response: { 200: givenDoseSchema, 201: givenDoseSchema },
    },
    handler: async (request, reply) => {
      const { dose, created } = await recordDose(app.db, accessOf(request), request.params.id, request.body);
      return reply.status(created ? 201 : 200).send(dose);
    },
  });

  app.post('/api/immunizations/:id/amendments', {
    schema: {
      tags: ['care'],
      summary: 'Mark a dose entered in error; it stays on record, voided',
      params: recordIdParams,
      body: voidDoseBody,
      response: { 201: givenDoseSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await voidDose(app.db, accessOf(request), request.params.id, request.body.reason)),
  });
}
