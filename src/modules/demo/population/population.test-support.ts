import type { Db } from '../../../db/database';
import { insertFacilities, insertSectorsAndAsics } from '../demo.repository';
import type { DemoPlan } from '../demo.plan';
import { receivingFacilitiesOf } from '../demo.referrals';

/**
 * Writes only the demo ASIC's part of the network and the state's CAT and hospital it refers to:
 * the population needs no more, and it is quicker.
 */
export async function writeDemoAsic(db: Db, plan: DemoPlan) {
  const asicId = plan.workplaces.asic.id;
  const receiving = new Set(Object.values(receivingFacilitiesOf(plan)).map((f) => f.id));
  const facilities = plan.facilities.filter((f) => f.asic_id === asicId || receiving.has(f.id));
  const ids = new Set(facilities.map((f) => f.id));
  const sectorIds = new Set(facilities.map((f) => f.sector_id));
  const asicIds = new Set(facilities.map((f) => f.asic_id));
  await db.transaction().execute(async (tx) => {
    await insertSectorsAndAsics(
      tx,
      'demo',
      plan.sectors.filter((s) => sectorIds.has(s.id as string)),
      plan.asics.filter((a) => asicIds.has(a.id as string)),
    );
    await insertFacilities(
      tx,
      'demo',
      facilities,
      plan.statusChanges.filter((c) => ids.has(c.facility_id as string)),
    );
  });
}
