import type { Generated } from 'kysely';
import type { ReferralTables } from './schema.referrals';
import type { MedicinesTables } from './schema.medicines';
import type { PrimaryCareTables } from './schema.primary-care';
import type { Timestamp } from './schema.columns';

export type * from './schema.primary-care';

export interface StateTable {
  code: string;
  ine_code: string;
  name: string;
  search_name: string;
  capital: string;
  population_2011: number;
}

export interface MunicipalityTable {
  code: string;
  state_code: string;
  name: string;
  search_name: string;
  capital: string | null;
}

export interface ParishTable {
  code: string;
  municipality_code: string;
  state_code: string;
  name: string;
  search_name: string;
}

export interface SectorTable {
  id: string;
  parish_code: string;
  state_code: string;
  name: string;
  search_name: string;
  created_at: Timestamp;
}

export interface AsicTable {
  id: string;
  code: string;
  name: string;
  search_name: string;
  /** The territory the ASIC lies in: a municipality or parish code. */
  territory_code: string;
  state_code: string;
  population: number | null;
  created_at: Timestamp;
}

export interface ServiceCatalogTable {
  code: string;
  name_es: string;
  name_en: string;
  area: string;
  kinds: string[];
}

export interface FacilityTable {
  id: string;
  code: string;
  name: string;
  search_name: string;
  kind: string;
  tier: number;
  state_code: string;
  municipality_code: string;
  parish_code: string;
  sector_id: string | null;
  asic_id: string | null;
  address: string | null;
  phone: string | null;
  services: string[];
  beds_ward: number;
  beds_icu: number;
  target_families: number | null;
  target_population: number | null;
  status: string;
  status_since: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FacilityStatusChangeTable {
  id: string;
  facility_id: string;
  state_code: string;
  from_status: string | null;
  to_status: string;
  effective_on: string;
  reason: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  locale: string;
  active: boolean;
  created_at: Timestamp;
}

export interface RoleAssignmentTable {
  id: string;
  user_id: string;
  role: string;
  facility_id: string | null;
  /** 'VE' for the whole nation, or a state, municipality or parish code. */
  territory_code: string | null;
  created_at: Timestamp;
  created_by: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AccessDenialTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: string | null;
  method: string;
  route: string;
  reason: string;
  request_id: string;
}

export interface LedgerTable {
  seq: number;
  lane: number;
  at: Timestamp;
  actor: string;
  action: string;
  entity: string;
  record_id: string;
  record_hash: string | null;
  prev_hash: string;
  hash: string;
}

export interface LedgerCheckpointTable {
  id: Generated<number>;
  at: Timestamp;
  entries: number;
  root: string;
  checkpoint: unknown;
}

export interface LedgerHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** Where the demo population's background load stands (one row at most). */
export interface DemoPopulationLoadTable {
  id: number;
  seed: number;
  scale: number;
  today: string;
  posts: number;
  next_post: Generated<number>;
  next_step: Generated<number>;
  rows_written: Generated<number>;
  requested_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface Database extends PrimaryCareTables, ReferralTables, MedicinesTables {
  states: StateTable;
  municipalities: MunicipalityTable;
  parishes: ParishTable;
  sectors: SectorTable;
  asics: AsicTable;
  service_catalog: ServiceCatalogTable;
  facilities: FacilityTable;
  facility_status_changes: FacilityStatusChangeTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  access_denials: AccessDenialTable;
  ledger: LedgerTable;
  ledger_head: LedgerHeadTable;
  ledger_checkpoints: LedgerCheckpointTable;
  demo_population_load: DemoPopulationLoadTable;
}
