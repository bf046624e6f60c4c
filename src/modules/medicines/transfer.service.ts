import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { AccessDenied } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { findFacilityForStock } from './stock.access';
import {
  addToLot,
  findLotByCode,
  findStockFacility,
  findTransfer,
  insertLot,
  insertMovements,
  insertTransfer,
  listTransfers,
  settleTransfer,
  takeFromLot,
  type TransferRow,
} from './stock.repository';
import { isExpired } from './stock.rules';
import type { TransferInput } from './stock.schema';
import { findLotToWrite, findTransferDestination, movementBase } from './stock.service';

function toTransferView(t: Awaited<ReturnType<typeof listTransfers>>[number]) {
  return {
    id: t.id,
    fromFacilityId: t.from_facility_id,
    fromName: t.from_name,
    toFacilityId: t.to_facility_id,
    toName: t.to_name,
    medicineCode: t.medicine_code,
    medicineName: `${t.name_es} ${t.strength}`,
    lot: t.lot,
    expiresOn: t.expires_on,
    quantity: t.quantity,
    documentNumber: t.document_number,
    status: t.status,
    sentAt: new Date(t.sent_at).toISOString(),
    settledAt: t.settled_at ? new Date(t.settled_at).toISOString() : null,
    lostReason: t.lost_reason,
  };
}

/** Transfers sent from or to a facility, newest first. */
export async function facilityTransfers(db: Db, access: Access, facilityId: string) {
  const facility = await findFacilityForStock(db, access, facilityId, 'medicines.read');
  return { transfers: (await listTransfers(db, facility.id)).map(toTransferView) };
}

async function viewTransfer(db: Db, transfer: TransferRow) {
  const all = await listTransfers(db, transfer.from_facility_id);
  return toTransferView(all.find((t) => t.id === transfer.id)!);
}

/** Sends units of a lot to another facility: they leave the shelf now and travel in transit. */
export async function sendTransfer(db: Db, access: Access, input: TransferInput) {
  const from = await findFacilityForStock(db, access, input.fromFacilityId, 'medicines.write');
  if (input.toFacilityId === from.id) throw fieldError('VALIDATION_FAILED', 'toFacilityId', 'Choose another facility');
  const to = await findTransferDestination(db, input.toFacilityId);
  const { lot } = await findLotToWrite(db, access, input.lotId, 'lotId');
  if (lot.facility_id !== from.id) throw fieldError('UNKNOWN_LOT', 'lotId', 'No such lot at the sending facility');
  const today = todayLocal();
  if (isExpired(lot.expires_on, today)) throw fieldError('LOT_EXPIRED', 'lotId', `Lot ${lot.lot} has expired`);
  if (lot.on_hand < input.quantity)
    throw fieldError('NOT_ENOUGH_STOCK', 'quantity', `Lot ${lot.lot} holds ${lot.on_hand} units`);
  const actor = access.userId;
  const transfer = await db.transaction().execute(async (tx) => {
    const sent = await insertTransfer(tx, actor, {
      id: newId(),
      from_facility_id: from.id,
      to_facility_id: to.id,
      state_code: from.state_code,
      medicine_code: lot.medicine_code,
      from_lot_id: lot.id,
      lot: lot.lot,
      expires_on: lot.expires_on,
      quantity: input.quantity,
      document_number: input.documentNumber,
      status: 'in_transit',
      sent_by: actor,
      sent_at: new Date(),
    });
    const after = await takeFromLot(tx, actor, lot.id, input.quantity, today);
    if (!after) throw fieldError('NOT_ENOUGH_STOCK', 'quantity', 'Not enough stock: someone took these units first');
    await insertMovements(tx, actor, [
      { ...movementBase(after, actor, today), kind: 'transfer_out', quantity: -input.quantity, transfer_id: sent.id },
    ]);
    return sent;
  });
  return viewTransfer(db, transfer);
}

/** The transfer, when the caller keeps the stock at one of its ends (or at the one named). */
async function findTransferFor(db: Db, access: Access, id: string, end: 'to' | 'either') {
  const transfer = await findTransfer(db, id);
  if (!transfer) throw new AppError('TRANSFER_NOT_FOUND');
  const ends = end === 'to' ? [transfer.to_facility_id] : [transfer.from_facility_id, transfer.to_facility_id];
  if (!ends.some((f) => access.canAtFacility('medicines.write', f)))
    throw new AccessDenied('TRANSFER_NOT_FOUND', 'transfer outside the facility');
  if (transfer.status !== 'in_transit') throw new AppError('TRANSFER_SETTLED');
  return transfer;
}

/** The receiving facility takes the units in: into the same lot on its shelf. */
export async function receiveTransfer(db: Db, access: Access, id: string) {
  const transfer = await findTransferFor(db, access, id, 'to');
  const to = (await findStockFacility(db, transfer.to_facility_id))!;
  const actor = access.userId;
  const today = todayLocal();
  await db.transaction().execute(async (tx) => {
    const settled = await settleTransfer(tx, actor, transfer.id, 'received', null);
    if (!settled) throw new AppError('TRANSFER_SETTLED');
    const existing = await findLotByCode(tx, to.id, transfer.medicine_code, transfer.lot);
    if (existing && existing.expires_on !== transfer.expires_on)
      throw fieldError('LOT_EXPIRY_MISMATCH', 'lot', `Lot ${transfer.lot} is held here with another expiry`);
    const lot = existing
      ? await addToLot(tx, actor, existing.id, transfer.quantity)
      : await insertLot(tx, actor, {
          id: newId(),
          facility_id: to.id,
          state_code: to.state_code,
          medicine_code: transfer.medicine_code,
          lot: transfer.lot,
          expires_on: transfer.expires_on,
          on_hand: transfer.quantity,
          updated_at: new Date(),
        });
    await insertMovements(tx, actor, [
      {
        ...movementBase(lot, actor, today),
        kind: 'transfer_in',
        quantity: transfer.quantity,
        transfer_id: transfer.id,
      },
    ]);
  });
  return viewTransfer(db, (await findTransfer(db, id))!);
}

/** Either end reports that the units never arrived, with a coded reason; they stay counted as lost. */
export async function reportTransferLost(db: Db, access: Access, id: string, reason: string) {
  const transfer = await findTransferFor(db, access, id, 'either');
  await db.transaction().execute(async (tx) => {
    const settled = await settleTransfer(tx, access.userId, transfer.id, 'lost', reason);
    if (!settled) throw new AppError('TRANSFER_SETTLED');
  });
  return viewTransfer(db, (await findTransfer(db, id))!);
}
