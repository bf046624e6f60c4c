import { accessOf, type App } from '../../server/context';
import { classifyBody, dispensarizationSchema } from './classification.schema';
import { classifyPerson } from './classification.service';
import {
  duplicateFlagSchema,
  duplicateIdParams,
  duplicatePageSchema,
  listDuplicatesQuery,
  mergeDuplicateBody,
} from './duplicate.schema';
import { dismissDuplicate, listPostDuplicates, mergeDuplicate } from './duplicate.service';
import { postIdParams } from './household.schema';
import { personRecordSchema, readLogSchema } from './person-record.schema';
import { findPersons, openPersonRecord, personReadLog } from './person-record.service';
import {
  movePersonBody,
  personIdParams,
  personPageSchema,
  personSummarySchema,
  searchPersonsQuery,
} from './person.schema';
import { movePerson } from './person.service';

export async function personRoutes(app: App) {
  app.get('/api/persons', {
    schema: {
      tags: ['census'],
      summary: "Find people of the caller's posts by name (every word, ignoring accents) or national id",
      querystring: searchPersonsQuery,
      response: { 200: personPageSchema },
    },
    handler: (request) => findPersons(app.db, accessOf(request), request.query),
  });

  app.get('/api/persons/:id', {
    schema: {
      tags: ['census'],
      summary: "A person's census record; opening it is logged",
      params: personIdParams,
      response: { 200: personRecordSchema },
    },
    handler: (request) => openPersonRecord(app.db, accessOf(request), request.params.id),
  });

  app.get('/api/persons/:id/reads', {
    schema: {
      tags: ['census'],
      summary: "Who opened a person's record and when (the post's team and auditors of its territory)",
      params: personIdParams,
      response: { 200: readLogSchema },
    },
    handler: (request) => personReadLog(app.db, accessOf(request), request.params.id),
  });

  app.post('/api/persons/:id/move', {
    schema: {
      tags: ['census'],
      summary: 'Move a person to another household',
      params: personIdParams,
      body: movePersonBody,
      response: { 200: personSummarySchema },
    },
    handler: (request) => movePerson(app.db, accessOf(request), request.params.id, request.body),
  });

  app.post('/api/persons/:id/classifications', {
    schema: {
      tags: ['census'],
      summary: 'Classify a person in a dispensary group (I–IV); classifications are never changed, only added',
      params: personIdParams,
      body: classifyBody,
      response: { 201: dispensarizationSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await classifyPerson(app.db, accessOf(request), request.params.id, request.body)),
  });

  app.get('/api/posts/:facilityId/duplicates', {
    schema: {
      tags: ['census'],
      summary: 'Possible duplicate persons flagged at a post, for its registrar',
      params: postIdParams,
      querystring: listDuplicatesQuery,
      response: { 200: duplicatePageSchema },
    },
    handler: (request) => listPostDuplicates(app.db, accessOf(request), request.params.facilityId, request.query),
  });

  app.post('/api/duplicates/:id/merge', {
    schema: {
      tags: ['census'],
      summary: 'Keep one person of a possible duplicate and merge the other into it',
      params: duplicateIdParams,
      body: mergeDuplicateBody,
      response: { 200: duplicateFlagSchema },
    },
    handler: (request) => mergeDuplicate(app.db, accessOf(request), request.params.id, request.body.keepPersonId),
  });

  app.post('/api/duplicates/:id/dismiss', {
    schema: {
      tags: ['census'],
      summary: 'Dismiss a possible duplicate: they are different people',
      params: duplicateIdParams,
      response: { 200: duplicateFlagSchema },
    },
    handler: (request) => dismissDuplicate(app.db, accessOf(request), request.params.id),
  });
}
