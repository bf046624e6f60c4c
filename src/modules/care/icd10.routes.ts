import { z } from 'zod';
import { accessOf, type App } from '../../server/context';
import { searchIcd10 } from './icd10.repository';

const icd10EntrySchema = z.object({
  code: z.string(),
  title: z.string().describe('Spanish title'),
  chapter: z.string(),
  block: z.string(),
  sex: z.enum(['F', 'M']).nullable().describe('set when the code applies to one sex only'),
  maternal: z.boolean(),
});

export async function icd10Routes(app: App) {
  app.get('/api/icd10', {
    schema: {
      tags: ['care'],
      summary: 'Search the CIE-10 list as you type: code prefix, or title words ignoring accents',
      querystring: z.object({
        q: z.string().trim().min(1, 'Type part of a code or a title').max(100),
        limit: z.coerce.number().int().min(1).max(20).default(20),
      }),
      response: { 200: z.array(icd10EntrySchema) },
    },
    handler: async (request) => {
      accessOf(request);
      return searchIcd10(app.db, request.query.q, request.query.limit);
    },
  });
}
