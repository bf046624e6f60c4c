import { z } from 'zod';
import { accessOf, type App } from '../../server/context';
import { listPackages, preparePackages, settlePackage } from './package.service';
import {
  idParams,
  packageListQuery,
  packageOutcomeBody,
  packageSchema,
  packagesSchema,
  preparePackagesBody,
} from './stock.schema';

const tags = ['medicines'];

/** The quarterly family medicine packages of a post. */
export async function packageRoutes(app: App) {
  app.post('/api/medicines/packages', {
    schema: {
      tags,
      summary: "Prepare the quarter's family package for every household of a post that needs one",
      body: preparePackagesBody,
      response: { 201: z.object({ prepared: z.number() }) },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await preparePackages(app.db, accessOf(request), request.body)),
  });

  app.get('/api/medicines/packages', {
    schema: {
      tags,
      summary: "A post's packages of a quarter",
      querystring: packageListQuery,
      response: { 200: packagesSchema },
    },
    handler: (request) => listPackages(app.db, accessOf(request), request.query.postId, request.query.quarter),
  });

  app.post('/api/medicines/packages/:id/outcome', {
    schema: {
      tags,
      summary: 'Record a package delivered (its items become dispensings) or not delivered, with why',
      params: idParams,
      body: packageOutcomeBody,
      response: { 200: packageSchema },
    },
    handler: (request) => settlePackage(app.db, accessOf(request), request.params.id, request.body),
  });
}
