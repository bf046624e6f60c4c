import type { Database } from '../../db/schema';

/**
 * Every table whose rows are ledgered, with the column that identifies a row. The ledger's
 * `entity` is the table name. `adentro verify` checks each of these tables row by row.
 */
export const LEDGERED: Record<string, { table: keyof Database; key: string }> = {
  states: { table: 'states', key: 'code' },
  municipalities: { table: 'municipalities', key: 'code' },
  parishes: { table: 'parishes', key: 'code' },
  sectors: { table: 'sectors', key: 'id' },
  asics: { table: 'asics', key: 'id' },
  service_catalog: { table: 'service_catalog', key: 'code' },
  facilities: { table: 'facilities', key: 'id' },
  facility_status_changes: { table: 'facility_status_changes', key: 'id' },
  users: { table: 'users', key: 'id' },
  role_assignments: { table: 'role_assignments', key: 'id' },
  api_tokens: { table: 'api_tokens', key: 'id' },
  icd10: { table: 'icd10', key: 'code' },
  vaccines: { table: 'vaccines', key: 'code' },
  households: { table: 'households', key: 'id' },
  families: { table: 'families', key: 'id' },
  persons: { table: 'persons', key: 'id' },
  person_moves: { table: 'person_moves', key: 'id' },
  duplicate_candidates: { table: 'duplicate_candidates', key: 'id' },
  classifications: { table: 'classifications', key: 'id' },
  encounters: { table: 'encounters', key: 'id' },
  encounter_diagnoses: { table: 'encounter_diagnoses', key: 'id' },
  prescriptions: { table: 'prescriptions', key: 'id' },
  immunizations: { table: 'immunizations', key: 'id' },
  pregnancies: { table: 'pregnancies', key: 'id' },
  prenatal_controls: { table: 'prenatal_controls', key: 'id' },
  births: { table: 'births', key: 'id' },
  deaths: { table: 'deaths', key: 'id' },
  medicines: { table: 'medicines', key: 'code' },
  stock_lots: { table: 'stock_lots', key: 'id' },
  stock_movements: { table: 'stock_movements', key: 'id' },
  stock_transfers: { table: 'stock_transfers', key: 'id' },
  dispensings: { table: 'dispensings', key: 'id' },
  stock_counts: { table: 'stock_counts', key: 'id' },
  family_packages: { table: 'family_packages', key: 'id' },
};

export type LedgeredEntity = keyof typeof LEDGERED;
