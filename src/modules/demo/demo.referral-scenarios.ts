import type { ReferralStep, ReferralUrgency } from '../../db/schema.referrals';
import type { ReceivingFacilities } from './demo.referrals';

/** One referral of the demo post told in full: who, where to, why, each step with its hours, and the care given. */
export interface Scenario {
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
export const SCENARIOS: Scenario[] = [
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
