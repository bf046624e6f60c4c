import type { ColumnType } from 'kysely';
import type { Timestamp } from './schema.columns';

export interface MedicineTable {
  code: string;
  atc: string;
  name_es: string;
  name_en: string;
  form: string;
  strength: string;
  unit: string;
  group_es: string;
  chronic: boolean;
  search_name: string;
}

export interface StockLotTable {
  id: string;
  facility_id: string;
  state_code: string;
  medicine_code: string;
  lot: string;
  expires_on: string;
  on_hand: number;
  updated_at: Timestamp;
}

export type MovementKind = 'receipt' | 'transfer_out' | 'transfer_in' | 'dispense' | 'adjustment' | 'count';

export interface StockMovementTable {
  id: string;
  facility_id: string;
  state_code: string;
  medicine_code: string;
  stock_lot_id: string;
  kind: MovementKind;
  quantity: number;
  balance_after: number;
  reason: string | null;
  source_kind: 'supplier' | 'warehouse' | null;
  source_name: string | null;
  document_number: string | null;
  transfer_id: string | null;
  dispensing_id: string | null;
  count_id: string | null;
  counted_quantity: number | null;
  approved_by: string | null;
  note: string | null;
  occurred_on: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface StockTransferTable {
  id: string;
  from_facility_id: string;
  to_facility_id: string;
  state_code: string;
  medicine_code: string;
  from_lot_id: string;
  lot: string;
  expires_on: string;
  quantity: number;
  document_number: string;
  status: 'in_transit' | 'received' | 'lost';
  sent_by: string;
  sent_at: Timestamp;
  settled_by: string | null;
  settled_at: Timestamp | null;
  lost_reason: string | null;
}

export interface DispensingTable {
  id: string;
  prescription_id: string | null;
  family_package_id: string | null;
  person_id: string | null;
  facility_id: string;
  state_code: string;
  medicine_code: string | null;
  outcome: 'full' | 'partial' | 'declined';
  requested_quantity: number;
  dispensed_quantity: number;
  reason: string | null;
  note: string | null;
  dispensed_by: string;
  dispensed_at: Timestamp;
}

export interface StockCountTable {
  id: string;
  facility_id: string;
  state_code: string;
  counted_on: string;
  counted_by: string;
  approved_by: string | null;
  note: string | null;
  recorded_at: Timestamp;
}

export interface FamilyPackageItem {
  medicineCode: string;
  quantity: number;
  personId: string;
  need: string;
}

export interface FamilyPackageTable {
  id: string;
  household_id: string;
  facility_id: string;
  supplied_by_facility_id: string;
  state_code: string;
  quarter: string;
  items: ColumnType<FamilyPackageItem[], string, string>;
  status: 'prepared' | 'delivered' | 'not_delivered';
  prepared_by: string;
  prepared_at: Timestamp;
  settled_by: string | null;
  settled_at: Timestamp | null;
  not_delivered_reason: string | null;
}

/** The medicines module's tables (src/db/migrations/20261123T0100_medicines.ts). */
export interface MedicinesTables {
  medicines: MedicineTable;
  stock_lots: StockLotTable;
  stock_movements: StockMovementTable;
  stock_transfers: StockTransferTable;
  dispensings: DispensingTable;
  stock_counts: StockCountTable;
  family_packages: FamilyPackageTable;
}
