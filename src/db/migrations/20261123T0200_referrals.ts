import { sql, type Kysely } from 'kysely';

/**
 * Referrals and tiers II–IV. A referral is written once; every step it takes (received, accepted,
 * refused, attended, counter-referred, closed) is an appended event, so the time of each step is a
 * fact (DESIGN §3.2). The referral row also keeps its latest status and when it took it, a cache
 * written (and ledgered) in the same transaction as the event, so that a facility's queue is an
 * index scan however many referrals the network holds. Tier II–IV services (emergencies,
 * admissions, surgeries, deliveries, exams, rehabilitation) are facts of their own; an admission and
 * a rehabilitation plan change state (discharge), ledgered on each change.
 */
const statements = [
  `CREATE TABLE referrals (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons (id),
    state_code text NOT NULL REFERENCES states (code),
    from_facility_id uuid NOT NULL REFERENCES facilities (id),
    referred_by text NOT NULL,
    to_facility_id uuid NOT NULL REFERENCES facilities (id),
    to_state_code text NOT NULL REFERENCES states (code),
    service_code text NOT NULL REFERENCES service_catalog (code),
    encounter_id uuid REFERENCES encounters (id),
    reason text NOT NULL,
    icd10_code text NOT NULL REFERENCES icd10 (code),
    urgency text NOT NULL CHECK (urgency IN ('emergency', 'priority', 'routine')),
    sent_at timestamptz NOT NULL,
    answer_due_at timestamptz NOT NULL,
    status text NOT NULL CHECK (status IN ('sent', 'received', 'accepted', 'refused', 'attended', 'counter_referred', 'closed')),
    status_at timestamptz NOT NULL,
    CHECK (from_facility_id <> to_facility_id)
  )`,
  `CREATE INDEX referrals_queue ON referrals (to_facility_id, status, sent_at)`,
  `CREATE INDEX referrals_sent ON referrals (from_facility_id, status, sent_at)`,
  `CREATE INDEX referrals_person ON referrals (person_id, to_facility_id)`,
  `CREATE INDEX referrals_sent_at ON referrals (sent_at)`,
  `CREATE TABLE referral_events (
    id uuid PRIMARY KEY,
    referral_id uuid NOT NULL REFERENCES referrals (id),
    facility_id uuid NOT NULL REFERENCES facilities (id),
    state_code text NOT NULL REFERENCES states (code),
    step text NOT NULL CHECK (step IN ('received', 'accepted', 'refused', 'attended', 'counter_referred', 'closed')),
    at timestamptz NOT NULL,
    by_user text NOT NULL,
    refusal_reason text,
    notes text,
    findings text,
    treatment text,
    recommendations text,
    UNIQUE (referral_id, step)
  )`,
  `CREATE TABLE emergency_attentions (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons (id),
    facility_id uuid NOT NULL REFERENCES facilities (id),
    state_code text NOT NULL REFERENCES states (code),
    referral_id uuid REFERENCES referrals (id),
    arrived_at timestamptz NOT NULL,
    triage_level integer NOT NULL CHECK (triage_level BETWEEN 1 AND 5),
    complaint text NOT NULL,
    life_support boolean NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('discharged', 'admitted', 'referred', 'died')),
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL
  )`,
  `CREATE INDEX emergency_attentions_facility ON emergency_attentions (facility_id, arrived_at)`,
  `CREATE TABLE admissions (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons (id),
    facility_id uuid NOT NULL REFERENCES facilities (id),
    state_code text NOT NULL REFERENCES states (code),
    referral_id uuid REFERENCES referrals (id),
    emergency_id uuid REFERENCES emergency_attentions (id),
    unit text NOT NULL CHECK (unit IN ('ward', 'icu')),
    reason text NOT NULL,
    life_support boolean NOT NULL,
    admitted_at timestamptz NOT NULL,
    admitted_by text NOT NULL,
    discharged_at timestamptz,
    discharge_outcome text CHECK (discharge_outcome IN ('recovered', 'improved', 'transferred', 'referred', 'died', 'voluntary')),
    discharged_by text,
    CHECK (discharged_at IS NULL OR discharged_at >= admitted_at)
  )`,
  `CREATE INDEX admissions_open ON admissions (facility_id, unit) WHERE discharged_at IS NULL`,
  `CREATE INDEX admissions_facility ON admissions (facility_id, admitted_at)`,
  `CREATE UNIQUE INDEX admissions_one_open_per_person ON admissions (person_id) WHERE discharged_at IS NULL`,
  `CREATE TABLE admission_transfers (
    id uuid PRIMARY KEY,
    admission_id uuid NOT NULL REFERENCES admissions (id),
    facility_id uuid NOT NULL REFERENCES facilities (id),
    state_code text NOT NULL REFERENCES states (code),
    from_unit text NOT NULL,
    to_unit text NOT NULL,
    at timestamptz NOT NULL,
    by_user text NOT NULL
  )`,
  `CREATE TABLE surgeries (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons (id),
    facility_id uuid NOT NULL REFERENCES facilities (id),
    state_code text NOT NULL REFERENCES states (code),
    admission_id uuid REFERENCES admissions (id),
    kind text NOT NULL CHECK (kind IN ('major_emergency', 'major_elective', 'minor')),
    procedure text NOT NULL,
    performed_at timestamptz NOT NULL,
    recorded_by text NOT NULL
  )`,
  `CREATE INDEX surgeries_facility ON surgeries (facility_id, performed_at)`,
  `CREATE TABLE deliveries (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons (id),
    facility_id uuid NOT NULL REFERENCES facilities (id),
    state_code text NOT NULL REFERENCES states (code),
    pregnancy_id uuid NOT NULL REFERENCES pregnancies (id),
    birth_id uuid REFERENCES births (id),
    mode text NOT NULL CHECK (mode IN ('vaginal', 'cesarean')),
    delivered_at timestamptz NOT NULL,
    recorded_by text NOT NULL
  )`,
  `CREATE INDEX deliveries_facility ON deliveries (facility_id, delivered_at)`,
  `CREATE TABLE exam_orders (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons (id),
    facility_id uuid NOT NULL REFERENCES facilities (id),
    state_code text NOT NULL REFERENCES states (code),
    ordering_facility_id uuid NOT NULL REFERENCES facilities (id),
    referral_id uuid REFERENCES referrals (id),
    exam_code text NOT NULL REFERENCES service_catalog (code),
    indication text NOT NULL,
    ordered_at timestamptz NOT NULL,
    ordered_by text NOT NULL
  )`,
  `CREATE INDEX exam_orders_facility ON exam_orders (facility_id, ordered_at)`,
  `CREATE INDEX exam_orders_person ON exam_orders (person_id)`,
  `CREATE TABLE exam_results (
    id uuid PRIMARY KEY,
    order_id uuid NOT NULL UNIQUE REFERENCES exam_orders (id),
    person_id uuid NOT NULL REFERENCES persons (id),
    facility_id uuid NOT NULL REFERENCES facilities (id),
    state_code text NOT NULL REFERENCES states (code),
    result text NOT NULL,
    abnormal boolean NOT NULL,
    reported_at timestamptz NOT NULL,
    reported_by text NOT NULL
  )`,
  `CREATE TABLE rehab_plans (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons (id),
    facility_id uuid NOT NULL REFERENCES facilities (id),
    state_code text NOT NULL REFERENCES states (code),
    referral_id uuid REFERENCES referrals (id),
    diagnosis_icd10 text NOT NULL REFERENCES icd10 (code),
    modalities text[] NOT NULL,
    sessions_planned integer NOT NULL CHECK (sessions_planned > 0),
    started_on date NOT NULL,
    created_by text NOT NULL,
    discharged_on date,
    discharge_outcome text CHECK (discharge_outcome IN ('goals_met', 'improved', 'abandoned', 'referred')),
    CHECK (discharged_on IS NULL OR discharged_on >= started_on)
  )`,
  `CREATE INDEX rehab_plans_facility ON rehab_plans (facility_id, started_on)`,
  `CREATE TABLE rehab_sessions (
    id uuid PRIMARY KEY,
    plan_id uuid NOT NULL REFERENCES rehab_plans (id),
    facility_id uuid NOT NULL REFERENCES facilities (id),
    state_code text NOT NULL REFERENCES states (code),
    modality text NOT NULL,
    session_on date NOT NULL,
    attended boolean NOT NULL,
    recorded_by text NOT NULL
  )`,
  `CREATE INDEX rehab_sessions_plan ON rehab_sessions (plan_id)`,
  `CREATE INDEX rehab_sessions_facility ON rehab_sessions (facility_id, session_on)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
