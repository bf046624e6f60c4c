import { sql } from 'kysely';
import { writeLedgered } from '../integrity/ledger.repository';
import { createTestApp, seedUser, type TestContext } from '../../test/harness';
import { loginAs, type Client } from '../../test/http';
import { bornYearsAgo, daysFromToday, seedHousehold } from '../care/care.test-support';

/**
 * A small network for medicines tests in one parish of Sucre (Catia): a post with its family
 * doctor, the popular dispensary serving it with two pharmacists, a dispensary elsewhere with its
 * own pharmacist, a closed dispensary, and a coordinator of the Distrito Capital.
 */
export interface MedicinesWorld {
  t: TestContext;
  doctor: Client;
  pharmacist: Client;
  otherPharmacist: Client;
  coordinator: Client;
  postId: string;
  dispensaryId: string;
  farDispensaryId: string;
  closedId: string;
  secondPharmacistId: string;
  coordinatorId: string;
  personIds: string[];
}

export async function createMedicinesWorld(): Promise<MedicinesWorld> {
  const t = await createTestApp();
  await seedUser(t.storage, 'admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
  const admin = await loginAs(t.app, 'admin');
  const facility = async (code: string, name: string, kind: string, parishCode: string) => {
    const response = await admin.post('/api/facilities', { code, name, kind, parishCode, status: 'operating' });
    if (response.statusCode !== 201) throw new Error(`facility: ${response.statusCode} ${response.body}`);
    return response.json().id as string;
  };
  const postId = await facility('VE-A-CP-0301', 'Consultorio Popular Los Frailes', 'consultorio_popular', 'VE-A-01-22');
  const dispensaryId = await facility('VE-A-DP-0301', 'Dispensario Popular Gramoven', 'dispensary', 'VE-A-01-22');
  const farDispensaryId = await facility('VE-A-DP-0302', 'Dispensario Popular La Vega', 'dispensary', 'VE-A-01-10');
  const closedId = await facility('VE-A-DP-0303', 'Dispensario Popular Cerrado', 'dispensary', 'VE-A-01-22');
  await t.storage.db
    .transaction()
    .execute((tx) =>
      writeLedgered(
        tx,
        'system',
        'update',
        'facilities',
        tx.updateTable('facilities').set({ status: 'closed' }).where('id', '=', closedId).returningAll(),
      ),
    );
  await seedUser(t.storage, 'dra-medina', [{ role: 'facility_clinician', facilityId: postId }]);
  await seedUser(t.storage, 'farmaceuta', [{ role: 'pharmacist', facilityId: dispensaryId }]);
  await seedUser(t.storage, 'farmaceuta-lejos', [{ role: 'pharmacist', facilityId: farDispensaryId }]);
  const secondPharmacistId = await seedUser(t.storage, 'farmaceuta-2', [
    { role: 'pharmacist', facilityId: dispensaryId },
  ]);
  const coordinatorId = await seedUser(t.storage, 'coordinacion', [
    { role: 'territory_coordinator', territoryCode: 'VE-A' },
  ]);
  const household = await seedHousehold(t, postId, [
    { firstNames: 'Orlando', lastNames: 'Pinto', sex: 'M', birthDate: bornYearsAgo(58) },
    { firstNames: 'Milagros', lastNames: 'Pinto', sex: 'F', birthDate: bornYearsAgo(30) },
    { firstNames: 'Aurora', lastNames: 'Pinto', sex: 'F', birthDate: bornYearsAgo(67) },
    { firstNames: 'Tomás', lastNames: 'Pinto', sex: 'M', birthDate: daysFromToday(-60) },
  ]);
  return {
    t,
    doctor: await loginAs(t.app, 'dra-medina'),
    pharmacist: await loginAs(t.app, 'farmaceuta'),
    otherPharmacist: await loginAs(t.app, 'farmaceuta-lejos'),
    coordinator: await loginAs(t.app, 'coordinacion'),
    postId,
    dispensaryId,
    farDispensaryId,
    closedId,
    secondPharmacistId,
    coordinatorId,
    personIds: household.personIds,
  };
}

/** A receipt of one line into a facility. */
export function receipt(
  facilityId: string,
  line: Partial<{ medicineCode: string; lot: string; expiresOn: string; quantity: number }> = {},
) {
  return {
    facilityId,
    sourceKind: 'warehouse',
    sourceName: 'Almacén regional Distrito Capital',
    documentNumber: 'GR-2026-0001',
    receivedOn: daysFromToday(0),
    lines: [{ medicineCode: 'MED-051', lot: 'ENA-2401', expiresOn: daysFromToday(400), quantity: 100, ...line }],
  };
}

/** Receives a lot and returns its id. */
export async function receiveLot(
  w: MedicinesWorld,
  facilityId: string,
  line: Partial<{ medicineCode: string; lot: string; expiresOn: string; quantity: number }> = {},
  client: Client = w.pharmacist,
): Promise<string> {
  const response = await client.post('/api/medicines/receipts', receipt(facilityId, line));
  if (response.statusCode !== 201) throw new Error(`receipt: ${response.statusCode} ${response.body}`);
  return response.json().movements[0].lotId as string;
}

/** The doctor prescribes in a consultation at the post; returns the prescription ids. */
export async function prescribe(
  w: MedicinesWorld,
  prescriptions: { medicine: string; quantity: number }[],
  personIndex = 0,
): Promise<string[]> {
  const response = await w.doctor.post(`/api/persons/${w.personIds[personIndex]}/encounters`, {
    setting: 'post',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    reason: 'Control de hipertensión',
    diagnoses: [{ code: 'I10' }],
    outcome: 'follow_up',
    followUpOn: daysFromToday(30),
    prescriptions: prescriptions.map((p) => ({ ...p, dose: '1 tableta', frequency: 'diaria' })),
  });
  if (response.statusCode !== 201) throw new Error(`encounter: ${response.statusCode} ${response.body}`);
  return (response.json().prescriptions as { id: string }[]).map((p) => p.id);
}

/** Rows of the medicines tables and ledger entries, to prove that a refusal wrote nothing. */
export async function medicinesSnapshot(t: TestContext) {
  const tables = ['stock_lots', 'stock_movements', 'dispensings', 'stock_counts', 'stock_transfers', 'ledger'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.storage.db);
    counts[table] = rows[0]!.n;
  }
  const { rows } = await sql<{ total: number }>`SELECT coalesce(sum(on_hand), 0)::int AS total FROM stock_lots`.execute(
    t.storage.db,
  );
  return { ...counts, onHand: rows[0]!.total };
}
