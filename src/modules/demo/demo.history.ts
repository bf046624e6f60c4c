import {
  canChangeStatus,
  INITIAL_STATUSES,
  type FacilityKind,
  type FacilityStatus,
} from '../facilities/facility.rules';
import { pickWeighted, type Random } from './demo.rules';

/** The first doctors arrived in Catia in April 2003; the demo's histories end mid-2026. */
export const HISTORY_START = '2003-04-16';
export const HISTORY_END = '2026-06-30';

export interface StatusStep {
  from: FacilityStatus | null;
  to: FacilityStatus;
  effectiveOn: string;
  reason: string;
}

const REASONS = {
  provisional: [
    'Inicio de actividades en una vivienda cedida por la comunidad',
    'Consulta instalada en un local provisional del comité de salud',
    'Llegada del médico; consulta en la casa de una familia del barrio',
  ],
  planned: [
    'Solicitud de la comunidad aprobada en asamblea',
    'Proyecto aprobado por la coordinación estadal',
    'Incluido en el plan de construcción del año',
  ],
  building: ['Inicio de la obra', 'Colocación de la primera piedra', 'Terreno entregado; comienza la construcción'],
  registeredBuilding: ['Registrado con la obra en curso'],
  opened: ['Inauguración', 'Obra concluida, equipada y en servicio', 'Apertura al público'],
  incorporated: ['Incorporado a la red (Barrio Adentro III)', 'Hospital integrado a la red pública nacional'],
  suspended: [
    'Sin médico asignado',
    'Falta de suministro de agua',
    'Remodelación de la sede',
    'Daños por lluvias',
    'Falla eléctrica prolongada',
    'Robo de equipos',
    'Filtraciones en el techo',
  ],
  resumed: [
    'Reanudación de actividades',
    'Médico asignado; se reanuda la consulta',
    'Remodelación concluida',
    'Servicio eléctrico restablecido',
  ],
  closed: [
    'Cierre definitivo: local devuelto a su dueño',
    'Cierre por abandono de la sede',
    'Fusionado con el establecimiento vecino',
    'Sede declarada inhabitable',
  ],
  abandoned: ['Obra paralizada sin fecha de reanudación', 'Proyecto desestimado por la coordinación estadal'],
  reopened: ['Reapertura solicitada por el comité de salud', 'Reapertura tras la rehabilitación de la sede'],
} as const;

type Opening = 'provisional' | 'built' | 'registeredBuilding' | 'incorporated';
type Unfinished = 'planned' | 'building' | 'abandoned';
type Later = 'suspended' | 'resumed' | 'closed' | 'reopened';

interface KindProfile {
  /** Window for the first event of a facility that opened; `skew` > 1 crowds it towards the start. */
  firstEvent: { from: string; to: string; skew: number };
  openings: readonly (readonly [Opening, number])[];
  /** Shares of facilities that never opened, by how far they got. */
  unfinished: Readonly<Record<Unfinished, number>>;
  /** Shares of opened facilities with each later turn. */
  later: Readonly<Record<Later, number>>;
}

const PRIMARY_LATER = { suspended: 0.035, resumed: 0.05, closed: 0.02, reopened: 0.008 };
const TIER_II_LATER = { suspended: 0.02, resumed: 0.04, closed: 0.005, reopened: 0.003 };

/**
 * When each kind was built and how its facilities fared. Barrio Adentro I began in 2003, II (CDI,
 * SRI, CAT) on 12 June 2005 with 96.6% of the centres proposed built, III (hospitals) from 2006.
 */
/** CDIs and SRIs were built together, one pair per ASIC, so their histories follow one profile. */
const DIAGNOSTIC_AND_REHABILITATION_CENTRE: KindProfile = {
  firstEvent: { from: '2004-06-01', to: '2011-12-31', skew: 1.6 },
  openings: [
    ['built', 85],
    ['registeredBuilding', 15],
  ],
  unfinished: { planned: 0.015, building: 0.02, abandoned: 0.005 },
  later: TIER_II_LATER,
};

const PROFILES: Record<Exclude<FacilityKind, 'national_hospital'>, KindProfile> = {
  consultorio_popular: {
    firstEvent: { from: HISTORY_START, to: '2013-12-31', skew: 2 },
    // 6,576 consultation points opened in provisional premises; 3,456 posts were built by 2008
    openings: [
      ['provisional', 65],
      ['built', 25],
      ['registeredBuilding', 10],
    ],
    unfinished: { planned: 0.03, building: 0.045, abandoned: 0.01 },
    later: PRIMARY_LATER,
  },
  clinica_popular: {
    firstEvent: { from: '2004-03-01', to: '2010-12-31', skew: 1.5 },
    openings: [
      ['built', 70],
      ['registeredBuilding', 30],
    ],
    unfinished: { planned: 0.03, building: 0.05, abandoned: 0.01 },
    later: PRIMARY_LATER,
  },
  dispensary: {
    firstEvent: { from: '2003-09-01', to: '2012-12-31', skew: 1.5 },
    openings: [
      ['provisional', 40],
      ['built', 60],
    ],
    unfinished: { planned: 0.02, building: 0.03, abandoned: 0.005 },
    later: PRIMARY_LATER,
  },
  cdi: DIAGNOSTIC_AND_REHABILITATION_CENTRE,
  sri: DIAGNOSTIC_AND_REHABILITATION_CENTRE,
  cat: {
    firstEvent: { from: '2005-06-12', to: '2012-12-31', skew: 1.2 },
    openings: [['built', 100]],
    unfinished: { planned: 0.04, building: 0.06, abandoned: 0 },
    later: { suspended: 0.03, resumed: 0.05, closed: 0, reopened: 0 },
  },
  hospital: {
    firstEvent: { from: '2006-01-15', to: '2009-12-31', skew: 1 },
    openings: [['incorporated', 100]],
    unfinished: { planned: 0, building: 0, abandoned: 0 },
    later: { suspended: 0.03, resumed: 0.15, closed: 0, reopened: 0 },
  },
};

const DAY = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const fromDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const END = toDay(HISTORY_END);

/** Builds a history step by step, stopping quietly at the end of the demo's time. */
class HistoryWriter {
  readonly steps: StatusStep[] = [];
  day: number;

  constructor(
    private readonly random: Random,
    firstDay: number,
  ) {
    this.day = firstDay;
  }

  get status(): FacilityStatus | null {
    return this.steps.at(-1)?.to ?? null;
  }

  /** Moves to `to` after a gap of minGap–maxGap days; false when that would pass the end. */
  step(to: FacilityStatus, reasons: readonly string[], minGap: number, maxGap: number): boolean {
    const day = this.steps.length === 0 ? this.day : this.day + this.random.int(minGap, maxGap);
    if (day > END) return false;
    const from = this.status;
    const allowed = from === null ? (INITIAL_STATUSES as readonly string[]).includes(to) : canChangeStatus(from, to);
    if (!allowed) throw new Error(`demo history breaks the facility lifecycle: ${from} → ${to}`);
    this.day = day;
    this.steps.push({ from, to, effectiveOn: fromDay(day), reason: this.random.pick(reasons) });
    return true;
  }
}

function dayIn(random: Random, from: string, to: string, skew = 1): number {
  const start = toDay(from);
  return Math.floor(start + (toDay(to) - start) * random.next() ** skew);
}

function open(history: HistoryWriter, opening: Opening) {
  if (opening === 'provisional') return history.step('operating', REASONS.provisional, 0, 0);
  if (opening === 'incorporated') return history.step('operating', REASONS.incorporated, 0, 0);
  if (opening === 'built' && !history.step('planned', REASONS.planned, 0, 0)) return false;
  if (!history.step('under_construction', opening === 'built' ? REASONS.building : REASONS.registeredBuilding, 30, 240))
    return false;
  return history.step('operating', REASONS.opened, 120, 540);
}

function liveOn(history: HistoryWriter, random: Random, later: Later | 'stays') {
  if (later === 'stays') return;
  const earliest = 365;
  const latest = Math.max(earliest, Math.floor((END - history.day) * 0.8));
  if (later === 'suspended') return history.step('suspended', REASONS.suspended, earliest, latest);
  if (later === 'resumed') {
    return (
      history.step('suspended', REASONS.suspended, earliest, latest) &&
      history.step('operating', REASONS.resumed, 20, 400)
    );
  }
  const viaSuspension = random.chance(0.5);
  if (viaSuspension && !history.step('suspended', REASONS.suspended, earliest, latest)) return;
  if (!history.step('closed', REASONS.closed, viaSuspension ? 60 : earliest, viaSuspension ? 500 : latest)) return;
  if (later === 'reopened') history.step('operating', REASONS.reopened, 180, 900);
}

export interface HistoryOptions {
  /** Forces the facility to be operating at the end (the demo users' workplaces, each state's first CAT). */
  operating?: boolean;
}

/**
 * A dated status history for one facility of a kind, following the facility lifecycle
 * (planned → under construction → operating ⇄ suspended → closed → operating), each step with a
 * reason in Spanish.
 */
export function planStatusHistory(kind: FacilityKind, random: Random, options: HistoryOptions = {}): StatusStep[] {
  if (kind === 'national_hospital') return nationalHospitalHistory();
  const profile = PROFILES[kind];
  const fates: [Unfinished | 'opens', number][] = [
    ...(Object.entries(profile.unfinished) as [Unfinished, number][]),
    ['opens', 1 - sum(profile.unfinished)],
  ];
  const fate = options.operating ? 'opens' : pickWeighted(random, fates);
  if (fate !== 'opens') return unfinishedHistory(random, fate);
  const history = new HistoryWriter(
    random,
    dayIn(random, profile.firstEvent.from, profile.firstEvent.to, profile.firstEvent.skew),
  );
  if (!open(history, pickWeighted(random, profile.openings))) return history.steps;
  liveOn(
    history,
    random,
    pickWeighted(random, [...(Object.entries(profile.later) as [Later, number][]), ['stays', 1 - sum(profile.later)]]),
  );
  // A facility that must be operating keeps its history up to the last time it was.
  if (options.operating) return history.steps.slice(0, history.steps.findLastIndex((s) => s.to === 'operating') + 1);
  return history.steps;
}

function sum(shares: Readonly<Record<string, number>>): number {
  return Object.values(shares).reduce((a, b) => a + b, 0);
}

/** Facilities that never opened: recently planned, being built, or built no further. */
function unfinishedHistory(random: Random, fate: Unfinished): StatusStep[] {
  if (fate === 'abandoned') {
    const history = new HistoryWriter(random, dayIn(random, '2007-01-01', '2014-12-31'));
    history.step('planned', REASONS.planned, 0, 0);
    history.step('under_construction', REASONS.building, 60, 400);
    history.step('closed', REASONS.abandoned, 200, 1500);
    return history.steps;
  }
  const history = new HistoryWriter(
    random,
    dayIn(random, fate === 'planned' ? '2020-01-01' : '2016-01-01', '2026-03-31'),
  );
  if (fate === 'planned' || random.chance(0.6)) {
    history.step('planned', REASONS.planned, 0, 0);
    if (fate === 'building') history.step('under_construction', REASONS.building, 30, 300);
  } else {
    history.step('under_construction', REASONS.registeredBuilding, 0, 0);
  }
  return history.steps;
}

/** The demo users' post: the first doctors reached Catia in April 2003 and saw patients in neighbours' homes. */
export function firstPostHistory(): StatusStep[] {
  return [
    {
      from: null,
      to: 'operating',
      effectiveOn: HISTORY_START,
      reason: 'Llegada de los primeros médicos; consulta en la casa de una familia del barrio',
    },
  ];
}

/** The children's cardiology hospital in Caracas opened with Barrio Adentro IV in 2006. */
function nationalHospitalHistory(): StatusStep[] {
  return [
    {
      from: null,
      to: 'planned',
      effectiveOn: '2005-06-12',
      reason: 'Proyecto de hospital cardiológico infantil aprobado (Barrio Adentro IV)',
    },
    { from: 'planned', to: 'under_construction', effectiveOn: '2005-08-01', reason: 'Inicio de la obra' },
    { from: 'under_construction', to: 'operating', effectiveOn: '2006-08-20', reason: 'Inauguración' },
  ];
}
