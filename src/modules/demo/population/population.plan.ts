import type { Insertable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type {
  BirthTable,
  ClassificationTable,
  DeathTable,
  EncounterDiagnosisTable,
  EncounterTable,
  FamilyTable,
  HouseholdTable,
  ImmunizationTable,
  PersonTable,
  PregnancyTable,
  PrenatalControlTable,
  PrescriptionTable,
} from '../../../db/schema';
import type {
  AdmissionTable,
  EmergencyAttentionTable,
  ExamOrderTable,
  ExamResultTable,
  ReferralEventTable,
  ReferralTable,
  RehabPlanTable,
  RehabSessionTable,
  SurgeryTable,
} from '../../../db/schema.referrals';
import type { Relationship } from '../../census/person.rules';
import { addDays, dayNumber } from '../../care/calendar';
import { randomFor, type Random } from '../demo.rules';

type Row<T> = Insertable<T> & { id: string };

/** Every row of the demo population, table by table, in the order they are written. */
export interface PopulationRows {
  households: Row<HouseholdTable>[];
  families: Row<FamilyTable>[];
  persons: Row<PersonTable>[];
  classifications: Row<ClassificationTable>[];
  pregnancies: Row<PregnancyTable>[];
  encounters: Row<EncounterTable>[];
  encounter_diagnoses: Row<EncounterDiagnosisTable>[];
  prescriptions: Row<PrescriptionTable>[];
  prenatal_controls: Row<PrenatalControlTable>[];
  births: Row<BirthTable>[];
  deaths: Row<DeathTable>[];
  immunizations: Row<ImmunizationTable>[];
  referrals: Row<ReferralTable>[];
  referral_events: Row<ReferralEventTable>[];
  emergency_attentions: Row<EmergencyAttentionTable>[];
  admissions: Row<AdmissionTable>[];
  surgeries: Row<SurgeryTable>[];
  exam_orders: Row<ExamOrderTable>[];
  exam_results: Row<ExamResultTable>[];
  rehab_plans: Row<RehabPlanTable>[];
  rehab_sessions: Row<RehabSessionTable>[];
}

export const POPULATION_TABLES = [
  'households',
  'families',
  'persons',
  'classifications',
  'pregnancies',
  'encounters',
  'encounter_diagnoses',
  'prescriptions',
  'prenatal_controls',
  'births',
  'deaths',
  'immunizations',
  'referrals',
  'referral_events',
  'emergency_attentions',
  'admissions',
  'surgeries',
  'exam_orders',
  'exam_results',
  'rehab_plans',
  'rehab_sessions',
] as const satisfies readonly (keyof PopulationRows)[];

/** A post of the ASIC, as the population is planned over it. */
export interface PopulationPost {
  id: string;
  code: string;
  stateCode: string;
  parishCode: string;
  sectorId: string | null;
  sectorName: string;
  targetFamilies: number;
}

/** A person while the plan is drawn: the row and what later steps need to know of it. */
export interface PlannedPerson {
  row: Row<PersonTable>;
  post: PopulationPost;
  age: number;
  relationship: Relationship;
  chronic: string[];
  /** The day the person is known to the post from: birth or the household's registration. */
  knownFrom: string;
  /** For a child born this year: the mother's index in the plan's people. */
  motherIndex?: number;
}

/** A consultation that ended in a referral: the encounter, its person, and why they were referred. */
export interface ReferredEncounter {
  encounter: Row<EncounterTable>;
  person: PlannedPerson;
  reasonIndex: number;
}

/** Who writes the demo population: the same actor as the network. */
export const POPULATION_ACTOR = 'demo';

/** Shared state of one plan: the seed's randomness, the year it covers, and the rows so far. */
export class PopulationContext {
  readonly rows: PopulationRows = {
    households: [],
    families: [],
    persons: [],
    classifications: [],
    pregnancies: [],
    encounters: [],
    encounter_diagnoses: [],
    prescriptions: [],
    prenatal_controls: [],
    births: [],
    deaths: [],
    immunizations: [],
    referrals: [],
    referral_events: [],
    emergency_attentions: [],
    admissions: [],
    surgeries: [],
    exam_orders: [],
    exam_results: [],
    rehab_plans: [],
    rehab_sessions: [],
  };
  readonly people: PlannedPerson[] = [];
  /** Consultations that ended in a referral, for the referral loop planned after them. */
  readonly referred: ReferredEncounter[] = [];
  /** The first day of the year of care: 365 days before today. */
  readonly yearStart: string;

  /**
   * `scope` names the part of the population this context plans (a post's code): every random
   * stream is keyed by it, so each post is planned alone and the same way whichever is planned first.
   */
  constructor(
    readonly seed: number,
    readonly today: string,
    readonly scope = '',
  ) {
    this.yearStart = addDays(today, -365);
  }

  random(key: string): Random {
    return randomFor(this.seed, this.scope ? `population:${this.scope}:${key}` : `population:${key}`);
  }

  /** A UUIDv7 stamped with an instant, its random part from the seeded stream. */
  idAt(instant: Date, random: Random): string {
    return uuidv7({ msecs: instant.getTime(), random: random.bytes(16) });
  }

  /** A UUIDv7 stamped with the record's day, its random part from the seeded stream. */
  id(date: string, random: Random, minutes = 0): string {
    return uuidv7({ msecs: this.at(date, minutes).getTime(), random: random.bytes(16) });
  }

  /**
   * The instant of a record on a day: from 08:00 in Caracas (12:00 UTC, no daylight saving) on,
   * `minutes` later; kept before now for records of today.
   */
  at(date: string, minutes = 0): Date {
    return new Date(dayNumber(date) * 86_400_000 + (12 * 60 + Math.min(minutes, 8 * 60)) * 60_000);
  }
}

/** A uniform day in [from, to]. */
export function dayBetween(random: Random, from: string, to: string): string {
  const span = dayNumber(to) - dayNumber(from);
  return addDays(from, span <= 0 ? 0 : random.int(0, span));
}
