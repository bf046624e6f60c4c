import { seedUser } from '../../test/harness';
import { loginAs, type Client } from '../../test/http';
import { createReferralWorld, type ReferralWorld } from '../referrals/referral.test-support';

/**
 * The referral world with its ASIC drawn: post A, the CDI and the SRI form the ASIC of Los
 * Frailes; a second CDI (with its own doctor) serves another ASIC of the same parish.
 */
export interface AsicWorld extends ReferralWorld {
  asicId: string;
  otherCdi: Client;
  otherCdiId: string;
}

export async function createAsicWorld(): Promise<AsicWorld> {
  const world = await createReferralWorld();
  const asic = async (code: string) => {
    const response = await world.admin.post('/api/asics', { code, name: `ASIC ${code}`, territoryCode: 'VE-A-01-22' });
    if (response.statusCode !== 201) throw new Error(`asic: ${response.statusCode} ${response.body}`);
    return response.json().id as string;
  };
  const asicId = await asic('ASIC-FRAILES');
  const otherAsicId = await asic('ASIC-PROPATRIA');
  for (const id of [world.postId, world.cdiId, world.sriId]) {
    const amended = await world.admin.patch(`/api/facilities/${id}`, { asicId });
    if (amended.statusCode !== 200) throw new Error(`amend: ${amended.statusCode} ${amended.body}`);
  }
  const created = await world.admin.post('/api/facilities', {
    code: 'VE-A-CDI-0103',
    name: 'CDI Propatria',
    kind: 'cdi',
    parishCode: 'VE-A-01-22',
    status: 'operating',
    asicId: otherAsicId,
    services: ['EMERGENCY_ROOM', 'CLINICAL_LABORATORY', 'ELECTROCARDIOGRAPHY', 'OBSTETRICS_DELIVERY'],
  });
  if (created.statusCode !== 201) throw new Error(`facility: ${created.statusCode} ${created.body}`);
  const otherCdiId = created.json().id as string;
  await seedUser(world.t.storage, 'dr-propatria', [{ role: 'facility_clinician', facilityId: otherCdiId }]);
  return { ...world, asicId, otherCdiId, otherCdi: await loginAs(world.t.app, 'dr-propatria') };
}
