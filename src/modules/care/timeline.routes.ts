import { accessOf, type App } from '../../server/context';
import { personIdParams } from './care.schema';
import { timelineSchema } from './timeline.schema';
import { personTimeline } from './timeline.service';

export async function timelineRoutes(app: App) {
  app.get('/api/persons/:id/timeline', {
    schema: {
      tags: ['care'],
      summary: "A person's whole story of care, oldest first: encounters, doses, pregnancies, births, death",
      params: personIdParams,
      response: { 200: timelineSchema },
    },
    handler: (request) => personTimeline(app.db, accessOf(request), request.params.id),
  });
}
