import { z } from 'zod';
import { accessOf, type App } from '../../server/context';
import { listCheckpoints } from './checkpoint.service';
import { verifyLedger } from './verify.service';

export async function integrityRoutes(app: App) {
  app.get('/api/integrity/verify', {
    schema: { tags: ['integrity'], summary: 'Recompute the whole ledger and check every ledgered record against it' },
    handler: async (request) => {
      accessOf(request).require('audit.read');
      return verifyLedger(app.db);
    },
  });

  app.get('/api/integrity/checkpoints', {
    schema: {
      tags: ['integrity'],
      summary: 'The latest signed checkpoints of the ledger, to compare with the copies published outside',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(20) }),
    },
    handler: async (request) => {
      accessOf(request).require('audit.read');
      return listCheckpoints(app.db, request.query.limit);
    },
  });

  app.get('/api/integrity/denials', {
    schema: {
      tags: ['integrity'],
      summary: 'The latest denied accesses',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    },
    handler: async (request) => {
      accessOf(request).require('audit.read');
      const rows = await app.db
        .selectFrom('access_denials')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(request.query.limit)
        .execute();
      return rows.map((r) => ({
        at: new Date(r.at).toISOString(),
        userId: r.user_id,
        method: r.method,
        route: r.route,
        reason: r.reason,
        requestId: r.request_id,
      }));
    },
  });
}
