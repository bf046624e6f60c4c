import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { todayLocal } from '../../shared/time';
import { addDays, addYears } from '../care/calendar';
import { personSearchName } from '../census/person.rules';
import { writeLedgered } from '../integrity/ledger.repository';
import { answerDueAt } from '../referrals/referral.rules';
import type { FacilityRow } from './demo.builder';
import type { DemoPlan } from './demo.plan';
import { SCENARIOS } from './demo.referral-scenarios';

/** The tier II–IV facilities the demo post refers to: its ASIC's CDI and SRI, the state's CAT and main hospital. */
export interface ReceivingFacilities {
  cdi: DemoFacility;
  sri: DemoFacility;
  cat: DemoFacility;
  hospital: DemoFacility;
}
export interface DemoFacility {
  id: string;
  state_code: string;
  services: string[];
}

/**
 * The receiving facilities of the demo post, chosen from the plan: the operating CDI and SRI of its
 * ASIC and the operating CAT of its state with the lowest code, and the state's operating hospital
 * with the most ward beds. The demo users work there and the simulated population is referred there.
 */
export function receivingFacilitiesOf(plan: DemoPlan): ReceivingFacilities {
  const post = plan.workplaces.post;
  const pick = (kind: string, sameAsic: boolean): DemoFacility => {
    const candidates = plan.facilities
      .filter(
        (f: FacilityRow) =>
          f.kind === kind &&
          f.status === 'operating' &&
          f.state_code === post.state_code &&
          (!sameAsic || !post.asic_id || f.asic_id === post.asic_id),
      )
      .sort((a, b) =>
        kind === 'hospital' && a.beds_ward !== b.beds_ward
          ? Number(b.beds_ward) - Number(a.beds_ward)
          : (a.code as string) < (b.code as string)
            ? -1
            : 1,
      );
    const facility = candidates[0];
    if (!facility) throw new Error(`The demo plan has no operating ${kind} for the demo post`);
    return { id: facility.id, state_code: facility.state_code as string, services: facility.services as string[] };
  };
  return { cdi: pick('cdi', true), sri: pick('sri', true), cat: pick('cat', false), hospital: pick('hospital', false) };
}

/**
 * Writes the demo post's referrals to its ASIC's CDI and SRI, the state's CAT and main hospital,
 * with the households of the people referred, the care given and every step on the ledger, in one
 * transaction. Scenarios whose facility lacks the service are left out. `actors` names the demo
 * users who act at each end.
 */
export async function writeDemoReferrals(
  db: Db,
  post: { id: string; state_code: string; parish_code: string; sector_id?: string | null },
  facilities: ReceivingFacilities,
  actors: { doctor: string } & Record<keyof ReceivingFacilities, string>,
): Promise<number> {
  const now = Date.now();
  const today = todayLocal();
  const at = (daysAgo: number, hours = 0) => new Date(now - daysAgo * 86_400_000 + hours * 3_600_000);
  const scenarios = SCENARIOS.filter((s) => facilities[s.to].services.includes(s.service));
  await db.transaction().execute(async (tx) => {
    const ledger = <T>(
      entity: Parameters<typeof writeLedgered>[3],
      actor: string,
      query: Parameters<typeof writeLedgered<T>>[4],
    ) => writeLedgered(tx, actor, 'create', entity, query);
    for (const [index, s] of scenarios.entries()) {
      const to = facilities[s.to];
      const staff = actors[s.to];
      const householdId = newId();
      const personId = newId();
      const created = at(s.daysAgo + 60);
      await ledger(
        'households',
        actors.doctor,
        tx
          .insertInto('households')
          .values({
            id: householdId,
            facility_id: post.id,
            state_code: post.state_code,
            parish_code: post.parish_code,
            sector_id: post.sector_id ?? null,
            address: `Calle ${index + 1}, casa ${10 + index}`,
            latitude: null,
            longitude: null,
            water_source: 'piped_inside',
            sanitation: 'sewer',
            electricity: 'grid',
            floor: 'tile_or_cement',
            rooms: 2,
            waste_disposal: 'collected',
            vectors: [],
            registered_on: addDays(today, -Math.ceil(s.daysAgo) - 60),
            registered_by: actors.doctor,
            created_at: created,
            updated_at: created,
          })
          .returningAll(),
      );
      const [first, last, sex, age] = s.who;
      await ledger(
        'persons',
        actors.doctor,
        tx
          .insertInto('persons')
          .values({
            id: personId,
            household_id: householdId,
            family_id: null,
            facility_id: post.id,
            state_code: post.state_code,
            first_names: first,
            last_names: last,
            search_name: personSearchName(first, last),
            sex,
            birth_date: addDays(addYears(today, -age), -index * 17),
            national_id: null,
            relationship: 'head',
            vital_status: 'alive',
            died_on: null,
            merged_into: null,
            created_at: created,
            updated_at: created,
          })
          .returningAll(),
      );
      const referralId = newId();
      const sentAt = at(s.daysAgo);
      const lastStep = s.steps.at(-1);
      await ledger(
        'referrals',
        actors.doctor,
        tx
          .insertInto('referrals')
          .values({
            id: referralId,
            person_id: personId,
            state_code: post.state_code,
            from_facility_id: post.id,
            referred_by: actors.doctor,
            to_facility_id: to.id,
            to_state_code: to.state_code,
            service_code: s.service,
            encounter_id: null,
            reason: s.reason,
            icd10_code: s.icd10,
            urgency: s.urgency,
            sent_at: sentAt,
            answer_due_at: answerDueAt(sentAt, s.urgency),
            status: lastStep ? lastStep[0] : 'sent',
            status_at: lastStep ? at(s.daysAgo, lastStep[1]) : sentAt,
          })
          .returningAll(),
      );
      if (s.steps.length > 0) {
        await ledger(
          'referral_events',
          staff,
          tx
            .insertInto('referral_events')
            .values(
              s.steps.map(([step, hours, extra]) => ({
                id: newId(),
                referral_id: referralId,
                facility_id: step === 'closed' ? post.id : to.id,
                state_code: step === 'closed' ? post.state_code : to.state_code,
                step,
                at: at(s.daysAgo, hours),
                by_user: step === 'closed' ? actors.doctor : staff,
                refusal_reason: null,
                notes: null,
                findings: null,
                treatment: null,
                recommendations: null,
                ...extra,
              })),
            )
            .returningAll(),
        );
      }
      const place = { person_id: personId, facility_id: to.id, state_code: to.state_code, referral_id: referralId };
      let emergencyId: string | null = null;
      if (s.emergency) {
        emergencyId = newId();
        await ledger(
          'emergency_attentions',
          staff,
          tx
            .insertInto('emergency_attentions')
            .values({
              id: emergencyId,
              ...place,
              arrived_at: at(s.daysAgo, 0.3),
              triage_level: s.emergency.triage,
              complaint: s.reason,
              life_support: s.emergency.lifeSupport,
              outcome: s.emergency.outcome,
              recorded_by: staff,
              recorded_at: at(s.daysAgo, 0.5),
            })
            .returningAll(),
        );
      }
      if (s.admission) {
        const discharged = s.admission.dischargedAfterHours;
        await ledger(
          'admissions',
          staff,
          tx
            .insertInto('admissions')
            .values({
              id: newId(),
              ...place,
              emergency_id: emergencyId,
              unit: s.admission.unit,
              reason: s.reason,
              life_support: s.admission.lifeSupport,
              admitted_at: at(s.daysAgo, 0.6),
              admitted_by: staff,
              discharged_at: discharged ? at(s.daysAgo, discharged) : null,
              discharge_outcome: discharged ? 'improved' : null,
              discharged_by: discharged ? staff : null,
            })
            .returningAll(),
        );
      }
      for (const [exam, result] of (s.exams ?? []).filter(([code]) => to.services.includes(code))) {
        const orderId = newId();
        await ledger(
          'exam_orders',
          staff,
          tx
            .insertInto('exam_orders')
            .values({
              id: orderId,
              ...place,
              ordering_facility_id: to.id,
              exam_code: exam,
              indication: s.reason,
              ordered_at: at(s.daysAgo, 0.7),
              ordered_by: staff,
            })
            .returningAll(),
        );
        await ledger(
          'exam_results',
          staff,
          tx
            .insertInto('exam_results')
            .values({
              id: newId(),
              order_id: orderId,
              person_id: personId,
              facility_id: to.id,
              state_code: to.state_code,
              result,
              abnormal: !result.includes('sin') && !result.includes('negativa'),
              reported_at: at(s.daysAgo, 1.5),
              reported_by: staff,
            })
            .returningAll(),
        );
      }
      const modalities = to.services
        .filter((code) => code !== 'REHABILITATION_CONSULTATION' && to.services.includes(code))
        .slice(0, 2);
      if (s.rehab && modalities.length > 0) {
        const planId = newId();
        const startedOn = addDays(today, -Math.ceil(s.daysAgo) + 3);
        await ledger(
          'rehab_plans',
          staff,
          tx
            .insertInto('rehab_plans')
            .values({
              id: planId,
              ...place,
              diagnosis_icd10: s.icd10,
              modalities,
              sessions_planned: 15,
              started_on: startedOn,
              created_by: staff,
              discharged_on: null,
              discharge_outcome: null,
            })
            .returningAll(),
        );
        await ledger(
          'rehab_sessions',
          staff,
          tx
            .insertInto('rehab_sessions')
            .values(
              s.rehab.sessions.map((attended, i) => ({
                id: newId(),
                plan_id: planId,
                facility_id: to.id,
                state_code: to.state_code,
                modality: modalities[i % modalities.length]!,
                session_on: addDays(startedOn, i * 3),
                attended,
                recorded_by: staff,
              })),
            )
            .returningAll(),
        );
      }
    }
  });
  return scenarios.length;
}
