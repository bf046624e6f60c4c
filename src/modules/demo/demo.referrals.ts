import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { ReferralStep, ReferralUrgency } from '../../db/schema.referrals';
import { todayLocal } from '../../shared/time';
import { addDays, addYears } from '../care/calendar';
import { personSearchName } from '../census/person.rules';
import { writeLedgered } from '../integrity/ledger.repository';
import { answerDueAt } from '../referrals/referral.rules';

/** The tier II–IV facilities the demo post refers to: its ASIC's CDI and SRI, the state's CAT and main hospital. */
export interface ReceivingFacilities {
  cdi: DemoFacility;
  sri: DemoFacility;
  cat: DemoFacility;
  hospital: DemoFacility;
}
interface DemoFacility {
  id: string;
  state_code: string;
  services: string[];
}

/** Finds the receiving facilities of the demo post: the operating ones of its ASIC and its state. */
export async function findReceivingFacilities(db: Db, post: { asic_id?: string | null; state_code: string }) {
  const pick = (kind: string, sameAsic: boolean) => {
    let query = db
      .selectFrom('facilities')
      .select(['id', 'state_code', 'services'])
      .where('kind', '=', kind)
      .where('status', '=', 'operating')
      .where('state_code', '=', post.state_code);
    if (sameAsic && post.asic_id) query = query.where('asic_id', '=', post.asic_id);
    return query
      .orderBy(kind === 'hospital' ? sql`beds_ward` : sql`code`, kind === 'hospital' ? 'desc' : 'asc')
      .executeTakeFirstOrThrow();
  };
  return {
    cdi: await pick('cdi', true),
    sri: await pick('sri', true),
    cat: await pick('cat', false),
    hospital: await pick('hospital', false),
  };
}

interface Scenario {
  who: [string, string, 'F' | 'M', number];
  to: keyof ReceivingFacilities;
  service: string;
  urgency: ReferralUrgency;
  icd10: string;
  reason: string;
  daysAgo: number;
  /** Steps taken, with the hours after sending. */
  steps: [ReferralStep, number, Record<string, string>?][];
  exams?: [string, string][];
  admission?: { unit: 'ward' | 'icu'; lifeSupport: boolean; dischargedAfterHours?: number };
  emergency?: { triage: number; lifeSupport: boolean; outcome: 'discharged' | 'admitted' };
  rehab?: { sessions: boolean[] };
}

const COUNTER = {
  findings: 'Síndrome coronario agudo descartado: EKG sin cambios isquémicos, troponina negativa',
  treatment: 'Aspirina 100 mg diaria; atorvastatina 20 mg',
  recommendations: 'Control en su consultorio en 7 días; prueba de esfuerzo en el CAT',
};

/** The demo post's referrals of the last months: answered, refused, unanswered and overdue, with care given. */
const SCENARIOS: Scenario[] = [
  {
    who: ['Ramón', 'Guerrero Páez', 'M', 61],
    to: 'cdi',
    service: 'EMERGENCY_ROOM',
    urgency: 'emergency',
    icd10: 'I20.0',
    reason: 'Dolor torácico opresivo de dos horas con sudoración',
    daysAgo: 40,
    steps: [
      ['received', 0.3],
      ['accepted', 0.4],
      ['attended', 1],
      ['counter_referred', 50, COUNTER],
      ['closed', 120],
    ],
    exams: [
      ['ELECTROCARDIOGRAPHY', 'Ritmo sinusal, sin elevación del ST'],
      ['CLINICAL_LABORATORY', 'Troponina negativa'],
    ],
    emergency: { triage: 2, lifeSupport: false, outcome: 'discharged' },
  },
  {
    who: ['Elena', 'Guerrero Páez', 'F', 57],
    to: 'cdi',
    service: 'ULTRASOUND',
    urgency: 'routine',
    icd10: 'R10.4',
    reason: 'Dolor abdominal recurrente; descartar litiasis vesicular',
    daysAgo: 20,
    steps: [
      ['received', 20],
      ['refused', 44, { refusal_reason: 'equipment_out_of_order', notes: 'Ecógrafo en reparación' }],
    ],
  },
  {
    who: ['José Gregorio', 'Blanco', 'M', 70],
    to: 'cdi',
    service: 'INTENSIVE_CARE',
    urgency: 'emergency',
    icd10: 'I21',
    reason: 'Dolor torácico intenso, hipotensión',
    daysAgo: 3,
    steps: [
      ['received', 0.2],
      ['accepted', 0.2],
      ['attended', 0.5],
    ],
    emergency: { triage: 1, lifeSupport: true, outcome: 'admitted' },
    admission: { unit: 'icu', lifeSupport: true },
    exams: [['ELECTROCARDIOGRAPHY', 'Supradesnivel del ST en cara inferior']],
  },
  {
    who: ['Carmen', 'Rojas', 'F', 45],
    to: 'cdi',
    service: 'INTERNAL_MEDICINE_WARD',
    urgency: 'priority',
    icd10: 'J18.9',
    reason: 'Neumonía adquirida en la comunidad con mala respuesta al tratamiento oral',
    daysAgo: 2,
    steps: [
      ['received', 2],
      ['accepted', 3],
      ['attended', 4],
    ],
    admission: { unit: 'ward', lifeSupport: false },
    exams: [['XRAY', 'Consolidación basal derecha']],
  },
  {
    who: ['Yoselin', 'Márquez', 'F', 33],
    to: 'cdi',
    service: 'EMERGENCY_ROOM',
    urgency: 'emergency',
    icd10: 'I50.0',
    reason: 'Disnea súbita, edema pulmonar',
    daysAgo: 25,
    steps: [
      ['received', 0.1],
      ['accepted', 0.1],
      ['attended', 0.3],
      [
        'counter_referred',
        140,
        {
          findings: 'Insuficiencia cardíaca descompensada, estabilizada',
          treatment: 'Furosemida 40 mg diaria',
          recommendations: 'Consulta de cardiología en el CAT',
        },
      ],
    ],
    emergency: { triage: 1, lifeSupport: true, outcome: 'admitted' },
    admission: { unit: 'icu', lifeSupport: true, dischargedAfterHours: 120 },
  },
  {
    who: ['Luis', 'Pérez Rangel', 'M', 35],
    to: 'sri',
    service: 'REHABILITATION_CONSULTATION',
    urgency: 'routine',
    icd10: 'M54.4',
    reason: 'Lumbociatalgia de tres meses',
    daysAgo: 30,
    steps: [
      ['received', 24],
      ['accepted', 26],
      ['attended', 72],
    ],
    rehab: { sessions: [true, true, false, true, true, true, false, true] },
  },
  {
    who: ['Ana', 'Villarroel', 'F', 50],
    to: 'cat',
    service: 'MAMMOGRAPHY',
    urgency: 'routine',
    icd10: 'N63',
    reason: 'Nódulo palpable en mama izquierda',
    daysAgo: 45,
    steps: [],
  },
  {
    who: ['Pedro', 'Aponte', 'M', 66],
    to: 'cat',
    service: 'CT',
    urgency: 'priority',
    icd10: 'R51',
    reason: 'Cefalea progresiva con vómitos',
    daysAgo: 10,
    steps: [['received', 30]],
  },
  {
    who: ['María', 'Hernández', 'F', 62],
    to: 'hospital',
    service: 'CARDIOLOGY_CONSULTATION',
    urgency: 'routine',
    icd10: 'I10',
    reason: 'Hipertensión resistente a tres fármacos',
    daysAgo: 25,
    steps: [
      ['received', 48],
      ['refused', 60, { refusal_reason: 'no_staff', notes: 'Sin cardiólogo este mes' }],
    ],
  },
  {
    who: ['Jorge', 'Salcedo', 'M', 55],
    to: 'hospital',
    service: 'GENERAL_SURGERY',
    urgency: 'priority',
    icd10: 'K80',
    reason: 'Colelitiasis sintomática, cólicos a repetición',
    daysAgo: 15,
    steps: [
      ['received', 5],
      ['accepted', 20],
      ['attended', 100],
      [
        'counter_referred',
        200,
        {
          findings: 'Colecistectomía laparoscópica sin complicaciones',
          treatment: 'Analgesia por 5 días',
          recommendations: 'Retiro de puntos en su consultorio',
        },
      ],
    ],
  },
  {
    who: ['Carlos', 'Mendoza', 'M', 48],
    to: 'cdi',
    service: 'EMERGENCY_ROOM',
    urgency: 'emergency',
    icd10: 'R07.4',
    reason: 'Dolor torácico atípico desde esta mañana',
    daysAgo: 0.04,
    steps: [],
  },
];

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
