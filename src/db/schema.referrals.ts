import type { Timestamp } from './schema.columns';

export type ReferralUrgency = 'emergency' | 'priority' | 'routine';
export type ReferralStatus = 'sent' | 'received' | 'accepted' | 'refused' | 'attended' | 'counter_referred' | 'closed';
export type ReferralStep = Exclude<ReferralStatus, 'sent'>;

export interface ReferralTable {
  id: string;
  person_id: string;
  state_code: string;
  from_facility_id: string;
  referred_by: string;
  to_facility_id: string;
  to_state_code: string;
  service_code: string;
  encounter_id: string | null;
  reason: string;
  icd10_code: string;
  urgency: ReferralUrgency;
  sent_at: Timestamp;
  answer_due_at: Timestamp;
  status: ReferralStatus;
  status_at: Timestamp;
}

export interface ReferralEventTable {
  id: string;
  referral_id: string;
  facility_id: string;
  state_code: string;
  step: ReferralStep;
  at: Timestamp;
  by_user: string;
  refusal_reason: string | null;
  notes: string | null;
  findings: string | null;
  treatment: string | null;
  recommendations: string | null;
}

export interface EmergencyAttentionTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  referral_id: string | null;
  arrived_at: Timestamp;
  triage_level: number;
  complaint: string;
  life_support: boolean;
  outcome: 'discharged' | 'admitted' | 'referred' | 'died';
  recorded_by: string;
  recorded_at: Timestamp;
}

export type Unit = 'ward' | 'icu';
export type DischargeOutcome = 'recovered' | 'improved' | 'transferred' | 'referred' | 'died' | 'voluntary';

export interface AdmissionTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  referral_id: string | null;
  emergency_id: string | null;
  unit: Unit;
  reason: string;
  life_support: boolean;
  admitted_at: Timestamp;
  admitted_by: string;
  discharged_at: Timestamp | null;
  discharge_outcome: DischargeOutcome | null;
  discharged_by: string | null;
}

export interface AdmissionTransferTable {
  id: string;
  admission_id: string;
  facility_id: string;
  state_code: string;
  from_unit: Unit;
  to_unit: Unit;
  at: Timestamp;
  by_user: string;
}

export type SurgeryKind = 'major_emergency' | 'major_elective' | 'minor';

export interface SurgeryTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  admission_id: string | null;
  kind: SurgeryKind;
  procedure: string;
  performed_at: Timestamp;
  recorded_by: string;
}

export interface DeliveryTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  pregnancy_id: string;
  birth_id: string | null;
  mode: 'vaginal' | 'cesarean';
  delivered_at: Timestamp;
  recorded_by: string;
}

export interface ExamOrderTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  ordering_facility_id: string;
  referral_id: string | null;
  exam_code: string;
  indication: string;
  ordered_at: Timestamp;
  ordered_by: string;
}

export interface ExamResultTable {
  id: string;
  order_id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  result: string;
  abnormal: boolean;
  reported_at: Timestamp;
  reported_by: string;
}

export type RehabDischarge = 'goals_met' | 'improved' | 'abandoned' | 'referred';

export interface RehabPlanTable {
  id: string;
  person_id: string;
  facility_id: string;
  state_code: string;
  referral_id: string | null;
  diagnosis_icd10: string;
  modalities: string[];
  sessions_planned: number;
  started_on: string;
  created_by: string;
  discharged_on: string | null;
  discharge_outcome: RehabDischarge | null;
}

export interface RehabSessionTable {
  id: string;
  plan_id: string;
  facility_id: string;
  state_code: string;
  modality: string;
  session_on: string;
  attended: boolean;
  recorded_by: string;
}

/** The tables of the referrals and tier II–IV services modules. */
export interface ReferralTables {
  referrals: ReferralTable;
  referral_events: ReferralEventTable;
  emergency_attentions: EmergencyAttentionTable;
  admissions: AdmissionTable;
  admission_transfers: AdmissionTransferTable;
  surgeries: SurgeryTable;
  deliveries: DeliveryTable;
  exam_orders: ExamOrderTable;
  exam_results: ExamResultTable;
  rehab_plans: RehabPlanTable;
  rehab_sessions: RehabSessionTable;
}
