import { addDays, addYears, compareAscii, laterOf, startOfYear } from './calendar';
import { dosesDue, type GivenDose, type ScheduledVaccine } from './immunization.rules';
import { gestationalWeeksOn, nextControlDueOn } from './maternal.rules';

/**
 * A post's worklist: what its team should do, each item with what the form that clears it needs.
 * Pure: the repository reads the post's facts, these rules decide what is due.
 */

/** Group III (ill) patients are to be seen at least this often (days). */
export const GROUP_III_VISIT_DAYS = 90;
/** Dispensarization is reviewed yearly (Programa del Médico y Enfermera de la Familia). */
export const CLASSIFICATION_VALID_YEARS = 1;
/** Vaccines are followed on the worklist for children under this age (years): the pediatric schedule. */
export const CHILD_AGE_YEARS = 15;

export interface WorklistPerson {
  id: string;
  name: string;
  sex: 'F' | 'M';
  birthDate: string;
  householdId: string;
  isHead: boolean;
  registeredOn: string;
}

export interface WorklistFacts {
  today: string;
  persons: readonly WorklistPerson[];
  households: readonly { id: string; address: string | null; registeredOn: string; conditionsSurveyed: boolean }[];
  classifications: ReadonlyMap<string, { group: number; classifiedOn: string; chronicConditions: string[] }>;
  /** Local dates of each person's latest encounter and latest home visit (within the look-back). */
  lastSeen: ReadonlyMap<string, { lastSeenOn: string | null; lastHomeVisitOn: string | null }>;
  pregnancies: readonly {
    id: string;
    personId: string;
    lastMenstrualPeriod: string;
    expectedDelivery: string;
    registeredOn: string;
    risk: 'low' | 'high';
    lastControl: { controlOn: string; gestationalWeeks: number } | null;
  }[];
  doses: ReadonlyMap<string, GivenDose[]>;
  schedule: readonly ScheduledVaccine[];
}

interface Base {
  personId: string | null;
  householdId: string;
  name: string;
  dueOn: string;
}

export type WorklistItem = Base &
  (
    | {
        kind: 'prenatal_control_due';
        detail: {
          pregnancyId: string;
          gestationalWeeks: number;
          lastControlOn: string | null;
          risk: 'low' | 'high';
          expectedDelivery: string;
        };
      }
    | {
        kind: 'vaccine_due' | 'vaccine_overdue';
        detail: {
          vaccineCode: string;
          vaccineName: string;
          doseNumber: number;
          doseLabel: string;
          earliestOn: string;
          overdueOn: string;
          lastOn: string | null;
        };
      }
    | {
        kind: 'group_iii_not_seen';
        detail: { lastSeenOn: string | null; classifiedOn: string; chronicConditions: string[] };
      }
    | { kind: 'household_not_visited' | 'household_not_surveyed'; detail: { address: string | null; members: number } }
    | { kind: 'classification_overdue'; detail: { lastClassifiedOn: string | null; group: number | null } }
    | { kind: ReferralWorklistKind; detail: ReferralWorklistDetail }
    | { kind: 'exam_result_to_read'; detail: ExamResultWorklistDetail }
  );

export type WorklistKind = WorklistItem['kind'];

function prenatalItems(facts: WorklistFacts, byId: Map<string, WorklistPerson>): WorklistItem[] {
  return facts.pregnancies.flatMap((p) => {
    const person = byId.get(p.personId);
    const dueOn = nextControlDueOn(p.lastMenstrualPeriod, p.registeredOn, p.lastControl);
    if (!person || dueOn > facts.today) return [];
    return [
      {
        kind: 'prenatal_control_due' as const,
        personId: person.id,
        householdId: person.householdId,
        name: person.name,
        dueOn,
        detail: {
          pregnancyId: p.id,
          gestationalWeeks: gestationalWeeksOn(p.lastMenstrualPeriod, facts.today),
          lastControlOn: p.lastControl?.controlOn ?? null,
          risk: p.risk,
          expectedDelivery: p.expectedDelivery,
        },
      },
    ];
  });
}

function vaccineItems(facts: WorklistFacts): WorklistItem[] {
  const childFrom = addYears(facts.today, -CHILD_AGE_YEARS);
  return facts.persons
    .filter((person) => person.birthDate > childFrom)
    .flatMap((person) =>
      dosesDue(person, facts.schedule, facts.doses.get(person.id) ?? [], facts.today).map((dose) => ({
        kind: dose.status === 'overdue' ? ('vaccine_overdue' as const) : ('vaccine_due' as const),
        personId: person.id,
        householdId: person.householdId,
        name: person.name,
        dueOn: dose.dueOn,
        detail: {
          vaccineCode: dose.vaccineCode,
          vaccineName: dose.vaccineName,
          doseNumber: dose.doseNumber,
          doseLabel: dose.label,
          earliestOn: dose.earliestOn,
          overdueOn: dose.overdueOn,
          lastOn: dose.lastOn,
        },
      })),
    );
}

function classificationItems(facts: WorklistFacts): WorklistItem[] {
  return facts.persons.flatMap((person): WorklistItem[] => {
    const latest = facts.classifications.get(person.id);
    const items: WorklistItem[] = [];
    const base = { personId: person.id, householdId: person.householdId, name: person.name };
    const reviewOn = latest ? addYears(latest.classifiedOn, CLASSIFICATION_VALID_YEARS) : person.registeredOn;
    if (reviewOn <= facts.today) {
      items.push({
        ...base,
        kind: 'classification_overdue',
        dueOn: reviewOn,
        detail: { lastClassifiedOn: latest?.classifiedOn ?? null, group: latest?.group ?? null },
      });
    }
    if (latest?.group === 3) {
      const lastSeenOn = facts.lastSeen.get(person.id)?.lastSeenOn ?? null;
      const dueOn = lastSeenOn ? addDays(lastSeenOn, GROUP_III_VISIT_DAYS) : latest.classifiedOn;
      if (dueOn <= facts.today) {
        items.push({
          ...base,
          kind: 'group_iii_not_seen',
          dueOn,
          detail: { lastSeenOn, classifiedOn: latest.classifiedOn, chronicConditions: latest.chronicConditions },
        });
      }
    }
    return items;
  });
}

/**
 * Households with living members that no one of the team has visited at home this calendar year,
 * and those whose living conditions nobody has surveyed yet (a census visit is due since they
 * were registered).
 */
function householdItems(facts: WorklistFacts): WorklistItem[] {
  const yearStart = startOfYear(facts.today);
  const members = new Map<string, WorklistPerson[]>();
  for (const person of facts.persons)
    members.set(person.householdId, [...(members.get(person.householdId) ?? []), person]);
  return facts.households.flatMap((household): WorklistItem[] => {
    const living = members.get(household.id) ?? [];
    if (living.length === 0) return [];
    // The home-visit form opens on the head of the household, or the eldest member.
    const eldest = [...living].sort(
      (a, b) => Number(b.isHead) - Number(a.isHead) || compareAscii(a.birthDate, b.birthDate),
    )[0]!;
    const detail = { address: household.address, members: living.length };
    const items: WorklistItem[] = [];
    if (!household.conditionsSurveyed) {
      // The household's page is where its conditions are surveyed: no person to open.
      items.push({
        kind: 'household_not_surveyed',
        personId: null,
        householdId: household.id,
        name: household.address ?? eldest.name,
        dueOn: household.registeredOn,
        detail,
      });
    }
    const visited = living.some((p) => (facts.lastSeen.get(p.id)?.lastHomeVisitOn ?? '') >= yearStart);
    if (!visited) {
      items.push({
        kind: 'household_not_visited',
        personId: eldest.id,
        householdId: household.id,
        name: household.address ?? eldest.name,
        dueOn: laterOf(yearStart, household.registeredOn),
        detail,
      });
    }
    return items;
  });
}

const byName = new Intl.Collator('es');

const KIND_ORDER: Record<WorklistKind, number> = {
  exam_result_to_read: -4,
  counter_referral_received: -3,
  referral_refused: -2,
  referral_overdue: -1,
  prenatal_control_due: 0,
  vaccine_overdue: 1,
  vaccine_due: 2,
  group_iii_not_seen: 3,
  classification_overdue: 4,
  household_not_visited: 5,
  household_not_surveyed: 6,
};

/** Referrals the post sent that need its doctor: a counter-referral to read, a refusal, no answer in time. */
export const REFERRAL_WORKLIST_KINDS = ['counter_referral_received', 'referral_refused', 'referral_overdue'] as const;
export type ReferralWorklistKind = (typeof REFERRAL_WORKLIST_KINDS)[number];
export interface ReferralWorklistDetail {
  referralId: string;
  facilityName: string;
  serviceCode: string;
  serviceName: string;
  urgency: string;
}
/** An exam the post ordered whose result came back and that its doctor has not yet seen the patient about. */
export interface ExamResultWorklistDetail {
  examId: string;
  examCode: string;
  examName: string;
  facilityName: string;
  abnormal: boolean;
}

/** Everything due at a post today, the longest-waiting first. */
export function buildWorklist(facts: WorklistFacts): WorklistItem[] {
  const byId = new Map(facts.persons.map((p) => [p.id, p]));
  return [
    ...prenatalItems(facts, byId),
    ...vaccineItems(facts),
    ...classificationItems(facts),
    ...householdItems(facts),
  ].sort(
    (a, b) =>
      compareAscii(a.dueOn, b.dueOn) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || byName.compare(a.name, b.name),
  );
}
