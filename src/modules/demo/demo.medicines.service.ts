import type { Db } from '../../db/database';
import { listCatalog } from '../medicines/catalog.repository';
import { planDemoMedicines, writeDemoMedicines, type DemoMedicines, type DemoPrescription } from './demo.medicines';
import type { DemoWorkplaces } from './demo.plan';

/**
 * Plans the demo ASIC's year of medicines, after its users (who receive, count and approve) and,
 * when simulated, its population (whose prescriptions are dispensed).
 */
export async function planDemoMedicinesFor(
  db: Db,
  actor: string,
  options: { seed: number; today: string; workplaces: DemoWorkplaces; prescriptions: readonly DemoPrescription[] },
): Promise<DemoMedicines> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', ['farmacia', 'coordinador', 'medico'])
    .execute();
  const id = (username: string) => users.find((u) => u.username === username)?.id ?? actor;
  const catalog = (await listCatalog(db)).map((m) => ({
    code: m.code,
    nameEs: m.name_es,
    strength: m.strength,
    chronic: m.chronic,
  }));
  const { dispensary, post, cdi } = options.workplaces;
  return planDemoMedicines({
    seed: options.seed,
    today: options.today,
    catalog,
    dispensary,
    post,
    cdi,
    actors: { pharmacist: id('farmacia'), approver: id('coordinador'), doctor: id('medico') },
    prescriptions: options.prescriptions,
  });
}

/** The simulated population's prescriptions, in id order, for the dispensary to dispense. */
export function readPopulationPrescriptions(db: Db, actor: string): Promise<DemoPrescription[]> {
  return db
    .selectFrom('prescriptions')
    .select(['id', 'person_id', 'medicine', 'quantity', 'prescribed_at'])
    .where('prescribed_by', '=', actor)
    .orderBy('id')
    .execute();
}

/**
 * Plans and writes the demo ASIC's year of medicines, after its users (who receive, count and
 * approve) and, when simulated, its population (whose prescriptions are dispensed).
 */
export async function writeDemoMedicinesFor(
  db: Db,
  actor: string,
  options: { seed: number; today: string; workplaces: DemoWorkplaces; prescriptions: readonly DemoPrescription[] },
): Promise<number> {
  const plan = await planDemoMedicinesFor(db, actor, options);
  let rows = 0;
  await writeDemoMedicines(db, actor, plan, (n) => (rows += n));
  return rows;
}
