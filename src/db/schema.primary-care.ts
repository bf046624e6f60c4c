import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.columns';

// Primary care (tier I): the census, dispensarization and the family doctor's records.

export interface Icd10Table {
  code: string;
  title_es: string;
  search_title: string;
  chapter: string;
  block: string;
  sex: 'F' | 'M' | null;
  maternal: boolean;
  infectious: boolean;
}

export interface VaccineTable {
  code: string;
  name_es: string;
  name_en: string;
  target_sex: 'F' | 'M' | null;
  pregnancy: boolean;
  doses: ColumnType<VaccineDose[], string, string>;
}

export interface VaccineDose {
  number: number;
  label_es: string;
  minAgeDays: number;
  recommendedAgeDays: number;
  maxAgeDays: number | null;
  minIntervalDaysFromPrevious: number | null;
}

export interface HouseholdTable {
  id: string;
  facility_id: string;
  state_code: string;
  /** Null when where the household lives is unknown (a walk-in brought in from the street). */
  parish_code: string | null;
  sector_id: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  // The living conditions: all surveyed, or all null (not surveyed yet).
  water_source: string | null;
  sanitation: string | null;
  electricity: string | null;
  floor: string | null;
  rooms: number | null;
  waste_disposal: string | null;
  vectors: string[] | null;
  registered_on: string;
  registered_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FamilyTable {
  id: string;
  household_id: string;
  facility_id: string;
  state_code: string;
  name: string;
  created_at: Timestamp;
}

export interface PersonTable {
  id: string;
  household_id: string;
  family_id: string | null;
  facility_id: string;
  state_code: string;
  first_names: string;
  last_names: string;
  search_name: string;
  sex: 'F' | 'M';
  birth_date: string;
  /** True when the birth date was worked out from an estimated age; null or false when it is known. */
  birth_date_estimated: boolean | null;
  national_id: string | null;
  relationship: string;
  vital_status: 'alive' | 'dead';
  died_on: string | null;
  merged_into: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonMoveTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  from_household_id: string;
  to_household_id: string;
  moved_on: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface DuplicateCandidateTable {
  id: string;
  person_id: string;
  candidate_id: string;
  facility_id: string;
  state_code: string;
  reason: string;
  status: 'open' | 'merged' | 'dismissed';
  detected_at: Timestamp;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
}

export interface ClassificationTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  dispensary_group: number;
  classified_on: string;
  classified_by: string;
  risk_factors: string[];
  chronic_conditions: string[];
  disabilities: string[];
  notes: string | null;
  recorded_at: Timestamp;
}

/**
 * Each person's care at a glance, kept by triggers as encounters, classifications and doses are
 * written (migrations `…_person_care`, `…_person_care_doses`): derived, not ledgered, rebuilt by
 * `person_care_refresh(ids)`.
 */
export interface PersonCareTable {
  person_id: string;
  last_seen_at: Timestamp | null;
  last_home_visit_at: Timestamp | null;
  dispensary_group: number | null;
  classified_on: string | null;
  classification_recorded_at: Timestamp | null;
  chronic_conditions: string[] | null;
  /** The doses that stand, as `[vaccine, dose number, date]`, sorted. */
  standing_doses: [string, number, string][] | null;
}

export interface EncounterTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  setting: string;
  occurred_at: Timestamp;
  reason: string;
  systolic: number | null;
  diastolic: number | null;
  heart_rate: number | null;
  temperature_c: number | null;
  weight_kg: number | null;
  height_cm: number | null;
  bmi: number | null;
  glucose_mg_dl: number | null;
  notes: string | null;
  procedures: string[];
  outcome: string;
  follow_up_on: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
  amends_id: string | null;
  amendment: 'correction' | 'entered_in_error' | null;
  amendment_reason: string | null;
}

export interface EncounterDiagnosisTable {
  id: string;
  encounter_id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  icd10_code: string;
  is_primary: boolean;
}

export interface PrescriptionTable {
  id: string;
  encounter_id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  medicine: string;
  dose: string;
  frequency: string;
  duration_days: number | null;
  quantity: number;
  prescribed_by: string;
  prescribed_at: Timestamp;
}

export interface ImmunizationTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  vaccine_code: string;
  dose_number: number;
  given_on: string;
  lot: string;
  given_by: string;
  recorded_at: Timestamp;
  amends_id: string | null;
  amendment: 'entered_in_error' | null;
  amendment_reason: string | null;
}

export interface PregnancyTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  last_menstrual_period: string;
  expected_delivery: string;
  risk: 'low' | 'high';
  risk_factors: string[];
  registered_on: string;
  registered_by: string;
  ended_on: string | null;
  outcome: 'live_birth' | 'stillbirth' | 'abortion' | 'ectopic' | 'maternal_death' | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PrenatalControlTable {
  id: string;
  pregnancy_id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  encounter_id: string | null;
  control_on: string;
  gestational_weeks: number;
  systolic: number | null;
  diastolic: number | null;
  weight_kg: number | null;
  fundal_height_cm: number | null;
  fetal_heart_rate: number | null;
  notes: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface BirthTable {
  id: string;
  pregnancy_id: string | null;
  mother_id: string;
  child_id: string | null;
  facility_id: string;
  state_code: string;
  born_on: string;
  outcome: 'live' | 'stillbirth';
  weight_g: number | null;
  sex: 'F' | 'M' | null;
  place: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface DeathTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  died_on: string;
  place: string;
  cause_icd10: string;
  infant: boolean;
  maternal: boolean;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface RecordReadTable {
  id: Generated<number>;
  person_id: string;
  user_id: string;
  at: Timestamp;
}

export interface PrimaryCareTables {
  icd10: Icd10Table;
  vaccines: VaccineTable;
  households: HouseholdTable;
  families: FamilyTable;
  persons: PersonTable;
  person_moves: PersonMoveTable;
  duplicate_candidates: DuplicateCandidateTable;
  classifications: ClassificationTable;
  person_care: PersonCareTable;
  encounters: EncounterTable;
  encounter_diagnoses: EncounterDiagnosisTable;
  prescriptions: PrescriptionTable;
  immunizations: ImmunizationTable;
  pregnancies: PregnancyTable;
  prenatal_controls: PrenatalControlTable;
  births: BirthTable;
  deaths: DeathTable;
  record_reads: RecordReadTable;
}
