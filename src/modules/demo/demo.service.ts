import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { refreshStatistics } from '../../db/setup';
import { NATION, type Role } from '../../server/access';
import { hashPassword } from '../people/password';
import { insertUserWithRoles } from '../people/user.service';
import { todayLocal } from '../../shared/time';
import type { FacilityRow, StatusChangeRow } from './demo.builder';
import { DEMO_DISPENSARY_NAME, DEMO_POST_NAME, planDemoNetwork, type DemoPlan, type DemoWorkplaces } from './demo.plan';
import { receivingFacilitiesOf, writeDemoReferrals, type ReceivingFacilities } from './demo.referrals';
import {
  DemoPopulationLoader,
  scheduleDemoPopulation,
  type DemoPopulationProgress,
} from './population/population.loader';
import { hasNoFacilitiesOrUsers, insertFacilities, insertSectorsAndAsics, readDemoInput } from './demo.repository';
import { writeDemoMedicinesFor } from './demo.medicines.service';

/** The password of every demo user. The demo is for trying Adentro out, never for real records. */
export const DEMO_PASSWORD = 'adentro-demo';

/** Who writes the demo network, as the ledger records it. */
const DEMO_ACTOR = 'demo';

/** The seed of the demo network: the same seed gives the same network. */
const DEMO_SEED = 2003;

const AT_POST = `${DEMO_POST_NAME} (Sucre, Catia)`;

/** One demo user per role; `at` says where the role is held. */
const DEMO_USERS: {
  username: string;
  role: Role;
  displayName: string;
  description: string;
  at: string | keyof Pick<DemoWorkplaces, 'post' | 'dispensary'> | keyof ReceivingFacilities;
}[] = [
  {
    username: 'admin',
    role: 'national_admin',
    displayName: 'Administración nacional',
    description: 'Administración nacional — toda la red (VE)',
    at: NATION,
  },
  {
    username: 'coordinador',
    role: 'territory_coordinator',
    displayName: 'Coordinación del Distrito Capital',
    description: 'Coordinación territorial — Distrito Capital (VE-A)',
    at: 'VE-A',
  },
  {
    username: 'medico',
    role: 'facility_clinician',
    displayName: 'Médica de familia',
    description: `Médica de familia — ${AT_POST}`,
    at: 'post',
  },
  { username: 'enfermera', role: 'nurse', displayName: 'Enfermera', description: `Enfermera — ${AT_POST}`, at: 'post' },
  {
    username: 'registro',
    role: 'registrar',
    displayName: 'Registro de salud',
    description: `Registro de salud — ${AT_POST}`,
    at: 'post',
  },
  {
    username: 'comite',
    role: 'committee_member',
    displayName: 'Comité de salud',
    description: `Comité de salud — ${AT_POST}`,
    at: 'post',
  },
  {
    username: 'farmacia',
    role: 'pharmacist',
    displayName: 'Farmacia',
    description: `Farmacéutica — ${DEMO_DISPENSARY_NAME} (Sucre, Catia)`,
    at: 'dispensary',
  },
  {
    username: 'cdi',
    role: 'facility_clinician',
    displayName: 'Médico del CDI',
    description: 'Médico del CDI del ASIC de Sucre (Catia): cuerpo de guardia, camas, exámenes',
    at: 'cdi',
  },
  {
    username: 'sri',
    role: 'facility_clinician',
    displayName: 'Fisiatra de la SRI',
    description: 'Fisiatra de la SRI del mismo ASIC: planes y sesiones de rehabilitación',
    at: 'sri',
  },
  {
    username: 'cat',
    role: 'facility_clinician',
    displayName: 'Médico del CAT',
    description: 'Médico del CAT del Distrito Capital: alta tecnología',
    at: 'cat',
  },
  {
    username: 'hospital',
    role: 'facility_clinician',
    displayName: 'Médico del hospital',
    description: 'Médico del hospital principal del Distrito Capital (nivel III)',
    at: 'hospital',
  },
  {
    username: 'auditor',
    role: 'auditor',
    displayName: 'Auditoría',
    description: 'Auditoría — verificación del registro en todo el país (VE)',
    at: NATION,
  },
];

/** The demo logins printed at start-up: one user per role, all with DEMO_PASSWORD. */
export const DEMO_LOGINS: { username: string; role: Role; description: string }[] = DEMO_USERS.map(
  ({ username, role, description }) => ({
    username,
    role,
    description,
  }),
);

/**
 * Ledger entries per transaction. Each append rewrites its lane's head row, and within one
 * transaction the superseded versions of that row cannot be cleaned away, so every append gets
 * slower than the one before. The demo is therefore written in transactions of about this many
 * entries, each holding its records and their entries together.
 */
const LEDGER_ENTRIES_PER_TRANSACTION = 500;

/** True when the database holds no facilities and no users: the only state the demo loads into. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return hasNoFacilitiesOrUsers(db);
}

/**
 * Builds the deterministic demo network over the real territories and 2011 populations, every row
 * on the ledger, and one demo user per role. Refuses a database that already holds a network.
 * Written in many transactions (see above): a build that is interrupted leaves part of the
 * network behind, and the demo is then loaded again into a new, empty database.
 */
export async function buildDemo(
  db: Db,
  options: {
    onProgress?: (done: number, total: number) => void;
    seed?: number;
    /**
     * The demo ASIC's simulated population: a share of it (1 is all) loaded before this returns,
     * `later` for all of it scheduled for the server to load in the background, or 0 (the default)
     * for none. With a population, the dispensary's year of medicines comes after it and dispenses
     * its prescriptions; without, it is written here.
     */
    population?: number | 'later';
    /** Called as the population loads, when it loads here. */
    onPopulationProgress?: (progress: DemoPopulationProgress) => void;
    /** The last day of the simulated year of care (default: today in Caracas). */
    today?: string;
  } = {},
): Promise<{ facilities: number; asics: number; sectors: number; users: number; persons: number }> {
  if (!(await isDatabaseEmpty(db)))
    throw new Error('The demo network loads only into a database with no facilities and no users');
  const passwordHash = hashPassword(DEMO_PASSWORD);
  const seed = options.seed ?? DEMO_SEED;
  const plan = planDemoNetwork(await readDemoInput(db), seed);
  const population = options.population ?? 0;
  const today = options.today ?? todayLocal();
  const total =
    plan.sectors.length +
    plan.asics.length +
    plan.facilities.length +
    plan.statusChanges.length +
    2 * DEMO_USERS.length;
  let done = 0;
  const report = (rows: number) => options.onProgress?.((done += rows), total);
  report(0);
  for (let i = 0; i < plan.sectors.length; i += LEDGER_ENTRIES_PER_TRANSACTION) {
    const sectors = plan.sectors.slice(i, i + LEDGER_ENTRIES_PER_TRANSACTION);
    await db.transaction().execute((tx) => insertSectorsAndAsics(tx, DEMO_ACTOR, sectors, []));
    report(sectors.length);
  }
  await db.transaction().execute((tx) => insertSectorsAndAsics(tx, DEMO_ACTOR, [], plan.asics));
  report(plan.asics.length);
  for (const chunk of facilityChunks(plan)) {
    await db.transaction().execute((tx) => insertFacilities(tx, DEMO_ACTOR, chunk.facilities, chunk.changes));
    report(chunk.facilities.length + chunk.changes.length);
  }
  const receiving = receivingFacilitiesOf(plan);
  const userIds = await insertDemoUsers(db, plan.workplaces, receiving, await passwordHash);
  report(2 * DEMO_USERS.length);
  await writeDemoReferrals(db, plan.workplaces.post, receiving, {
    doctor: userIds.get('medico')!,
    cdi: userIds.get('cdi')!,
    sri: userIds.get('sri')!,
    cat: userIds.get('cat')!,
    hospital: userIds.get('hospital')!,
  });
  if (population === 0) {
    await writeDemoMedicinesFor(db, DEMO_ACTOR, { seed, today, workplaces: plan.workplaces, prescriptions: [] });
  } else {
    await scheduleDemoPopulation(db, plan, { seed, today, scale: population === 'later' ? 1 : population });
  }
  if (typeof population === 'number' && population > 0) {
    const loader = new DemoPopulationLoader(db);
    const progress = options.onPopulationProgress;
    const ticker = progress && setInterval(() => progress(loader.progress() ?? emptyProgress), 250);
    try {
      await loader.run();
    } finally {
      if (ticker) clearInterval(ticker);
    }
    progress?.((await loader.refresh()) ?? emptyProgress);
  }
  if (population === 0) await refreshStatistics(db);
  const persons = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return {
    persons: Number(persons?.n ?? 0),
    facilities: plan.facilities.length,
    asics: plan.asics.length,
    sectors: plan.sectors.length,
    users: DEMO_USERS.length,
  };
}

const emptyProgress: DemoPopulationProgress = {
  status: 'loading',
  percent: 0,
  posts: 0,
  postsDone: 0,
  rows: 0,
  finishedAt: null,
};

/** Facilities with their status changes, cut into transactions of about LEDGER_ENTRIES_PER_TRANSACTION entries. */
function* facilityChunks(plan: DemoPlan): Generator<{ facilities: FacilityRow[]; changes: StatusChangeRow[] }> {
  const changesOf = new Map<string, StatusChangeRow[]>();
  for (const change of plan.statusChanges) {
    const list = changesOf.get(change.facility_id) ?? [];
    list.push(change);
    changesOf.set(change.facility_id, list);
  }
  let chunk = { facilities: [] as FacilityRow[], changes: [] as StatusChangeRow[] };
  for (const facility of plan.facilities) {
    chunk.facilities.push(facility);
    chunk.changes.push(...(changesOf.get(facility.id) ?? []));
    if (chunk.facilities.length + chunk.changes.length >= LEDGER_ENTRIES_PER_TRANSACTION) {
      yield chunk;
      chunk = { facilities: [], changes: [] };
    }
  }
  if (chunk.facilities.length > 0) yield chunk;
}

async function insertDemoUsers(
  db: Db,
  workplaces: DemoWorkplaces,
  receiving: ReceivingFacilities,
  passwordHash: string,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  await db.transaction().execute(async (tx) => {
    for (const user of DEMO_USERS) {
      const facility =
        user.at === 'post' || user.at === 'dispensary'
          ? workplaces[user.at]
          : user.at === 'cdi' || user.at === 'sri' || user.at === 'cat' || user.at === 'hospital'
            ? receiving[user.at]
            : undefined;
      const id = newId();
      ids.set(user.username, id);
      await insertUserWithRoles(tx, DEMO_ACTOR, {
        id,
        username: user.username,
        displayName: user.displayName,
        passwordHash,
        locale: 'es',
        roles: [{ role: user.role, facilityId: facility?.id ?? null, territoryCode: facility ? null : user.at }],
      });
    }
  });
  return ids;
}
