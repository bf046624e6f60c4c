import { z } from 'zod';
import { accessOf, type App } from '../../server/context';
import { worklistQuery, worklistSchema } from './worklist.schema';
import { postWorklist } from './worklist.service';

export async function worklistRoutes(app: App) {
  app.get('/api/posts/:facilityId/worklist', {
    schema: {
      tags: ['care'],
      summary: 'What is due at a post today: controls, vaccines, patients to see, households to visit, classifications',
      params: z.object({ facilityId: z.uuid('Not a facility id') }),
      querystring: worklistQuery,
      response: { 200: worklistSchema },
    },
    handler: (request) => postWorklist(app.db, accessOf(request), request.params.facilityId, request.query.kind),
  });
}
