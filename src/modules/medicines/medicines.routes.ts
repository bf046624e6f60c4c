import { z } from 'zod';
import { accessOf, type App } from '../../server/context';
import { availabilityFor, dispensePrescription, dispensingQueue } from './dispensing.service';
import { packageRoutes } from './package.routes';
import { differenceReport, territoryFigures } from './report.service';
import {
  adjustmentBody,
  approverSchema,
  availabilitySchema,
  countBody,
  countSchema,
  differenceQuery,
  differenceSchema,
  dispenseBody,
  dispensingSchema,
  facilityIdParams,
  idParams,
  medicineSchema,
  movementSchema,
  movementsSchema,
  queueSchema,
  receiptBody,
  stockSchema,
  territoryFiguresQuery,
  territoryFiguresSchema,
  transferBody,
  transferLossBody,
  transferSchema,
  transfersSchema,
} from './stock.schema';
import {
  adjustStock,
  approversFor,
  catalogOf,
  facilityStock,
  receiveStock,
  recordCount,
  toMedicineView,
} from './stock.service';
import { facilityTransfers, receiveTransfer, reportTransferLost, sendTransfer } from './transfer.service';

const tags = ['medicines'];

/** The medicines module's HTTP routes: catalogue, stock, receipts, dispensing, transfers, counts, reports. */
export async function medicinesRoutes(app: App) {
  app.get('/api/medicines/catalog', {
    schema: {
      tags,
      summary: 'The essential-medicines module',
      response: { 200: z.object({ items: z.array(medicineSchema) }) },
    },
    handler: async (request) => {
      accessOf(request);
      return { items: (await catalogOf(app.db)).map(toMedicineView) };
    },
  });

  app.get('/api/medicines/facilities/:facilityId/stock', {
    schema: {
      tags,
      summary: 'Stock on hand by medicine and lot, with expiry',
      params: facilityIdParams,
      response: { 200: stockSchema },
    },
    handler: (request) => facilityStock(app.db, accessOf(request), request.params.facilityId),
  });

  app.get('/api/medicines/facilities/:facilityId/availability', {
    schema: {
      tags,
      summary: 'Units of every module item at the facility and the dispensaries serving it (for prescribing)',
      params: facilityIdParams,
      response: { 200: availabilitySchema },
    },
    handler: (request) => availabilityFor(app.db, accessOf(request), request.params.facilityId),
  });

  app.get('/api/medicines/facilities/:facilityId/queue', {
    schema: {
      tags,
      summary: 'Prescriptions waiting to be dispensed here',
      params: facilityIdParams,
      response: { 200: queueSchema },
    },
    handler: (request) => dispensingQueue(app.db, accessOf(request), request.params.facilityId),
  });

  app.get('/api/medicines/facilities/:facilityId/approvers', {
    schema: {
      tags,
      summary: 'Who may approve the differences of a count here',
      params: facilityIdParams,
      response: { 200: approverSchema },
    },
    handler: (request) => approversFor(app.db, accessOf(request), request.params.facilityId),
  });

  app.get('/api/medicines/facilities/:facilityId/transfers', {
    schema: {
      tags,
      summary: 'Transfers sent from or to the facility',
      params: facilityIdParams,
      response: { 200: transfersSchema },
    },
    handler: (request) => facilityTransfers(app.db, accessOf(request), request.params.facilityId),
  });

  app.post('/api/medicines/receipts', {
    schema: {
      tags,
      summary: 'Receive a delivery from a supplier or warehouse',
      body: receiptBody,
      response: { 201: movementsSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await receiveStock(app.db, accessOf(request), request.body)),
  });

  app.post('/api/medicines/adjustments', {
    schema: {
      tags,
      summary: 'Write off or add back units with a coded reason',
      body: adjustmentBody,
      response: { 201: movementSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await adjustStock(app.db, accessOf(request), request.body)),
  });

  app.post('/api/medicines/facilities/:facilityId/prescriptions/:id/dispensing', {
    schema: {
      tags,
      summary: 'Dispense a prescription in full, in part, or decline it with a reason',
      params: facilityIdParams.extend(idParams.shape),
      body: dispenseBody,
      response: { 201: dispensingSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await dispensePrescription(
            app.db,
            accessOf(request),
            request.params.facilityId,
            request.params.id,
            request.body,
          ),
        ),
  });

  app.post('/api/medicines/transfers', {
    schema: {
      tags,
      summary: 'Send units of a lot to another facility',
      body: transferBody,
      response: { 201: transferSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await sendTransfer(app.db, accessOf(request), request.body)),
  });

  app.post('/api/medicines/transfers/:id/receipt', {
    schema: {
      tags,
      summary: 'Take a transfer in at the receiving facility',
      params: idParams,
      response: { 200: transferSchema },
    },
    handler: (request) => receiveTransfer(app.db, accessOf(request), request.params.id),
  });

  app.post('/api/medicines/transfers/:id/loss', {
    schema: {
      tags,
      summary: 'Report a transfer lost in transit',
      params: idParams,
      body: transferLossBody,
      response: { 200: transferSchema },
    },
    handler: (request) => reportTransferLost(app.db, accessOf(request), request.params.id, request.body.reason),
  });

  app.post('/api/medicines/counts', {
    schema: {
      tags,
      summary: 'Record a physical count; differences need a reason and an approver',
      body: countBody,
      response: { 201: countSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await recordCount(app.db, accessOf(request), request.body)),
  });

  app.get('/api/medicines/differences', {
    schema: {
      tags,
      summary: 'Count differences and adjustments per facility and period',
      querystring: differenceQuery,
      response: { 200: differenceSchema },
    },
    handler: (request) => differenceReport(app.db, accessOf(request), request.query),
  });

  app.get('/api/medicines/figures', {
    schema: {
      tags,
      summary: 'Availability and stock-outs across a territory',
      querystring: territoryFiguresQuery,
      response: { 200: territoryFiguresSchema },
    },
    handler: (request) => territoryFigures(app.db, accessOf(request), request.query),
  });

  await packageRoutes(app);
}
