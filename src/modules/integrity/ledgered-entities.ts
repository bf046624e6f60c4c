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
};

export type LedgeredEntity = keyof typeof LEDGERED;
