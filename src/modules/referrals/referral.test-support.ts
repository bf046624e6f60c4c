import { seedUser } from '../../test/harness';
import { loginAs, type Client } from '../../test/http';
import { bornYearsAgo, createCareWorld, seedHousehold, type CareWorld } from '../care/care.test-support';

/**
 * The care world (two posts in Sucre, Catia, a doctor at each) and the ASIC's tier II facilities:
 * an operating CDI with two ward beds and one ICU bed, a closed CDI, an SRI and a CAT, each with a
 * clinician; and a patient of post A.
 */
export interface ReferralWorld extends CareWorld {
  admin: Client;
  cdi: Client;
  sri: Client;
  cat: Client;
  cdiId: string;
  closedCdiId: string;
  sriId: string;
  catId: string;
  patient: string;
  otherPatient: string;
}

const CDI_SERVICES = [
  'EMERGENCY_ROOM',
  'LIFE_SUPPORT',
  'INTENSIVE_CARE',
  'INTERNAL_MEDICINE_WARD',
  'OPERATING_ROOM',
  'OBSTETRICS_DELIVERY',
  'CLINICAL_LABORATORY',
  'XRAY',
  'ULTRASOUND',
  'ELECTROCARDIOGRAPHY',
];

export async function createReferralWorld(): Promise<ReferralWorld> {
  const world = await createCareWorld();
  await seedUser(world.t.storage, 'nacional', [{ role: 'national_admin', territoryCode: 'VE' }]);
  const admin = await loginAs(world.t.app, 'nacional');
  const facility = async (body: Record<string, unknown>) => {
    const response = await admin.post('/api/facilities', { parishCode: 'VE-A-01-22', status: 'operating', ...body });
    if (response.statusCode !== 201) throw new Error(`facility: ${response.statusCode} ${response.body}`);
    return response.json().id as string;
  };
  const cdiId = await facility({
    code: 'VE-A-CDI-0101',
    name: 'CDI Los Frailes',
    kind: 'cdi',
    services: CDI_SERVICES,
    bedsWard: 2,
    bedsIcu: 1,
  });
  const closedCdiId = await facility({
    code: 'VE-A-CDI-0102',
    name: 'CDI Cerrado',
    kind: 'cdi',
    services: CDI_SERVICES,
    bedsWard: 4,
  });
  const closing = await admin.post(`/api/facilities/${closedCdiId}/status`, {
    status: 'closed',
    reason: 'Estructura dañada',
  });
  if (closing.statusCode !== 200 && closing.statusCode !== 201) throw new Error(`close: ${closing.body}`);
  const sriId = await facility({
    code: 'VE-A-SRI-0101',
    name: 'SRI Los Frailes',
    kind: 'sri',
    services: ['REHABILITATION_CONSULTATION', 'ELECTROTHERAPY', 'THERAPEUTIC_GYM'],
  });
  const catId = await facility({
    code: 'VE-A-CAT-0101',
    name: 'CAT Caracas',
    kind: 'cat',
    services: ['MRI', 'CT', 'CARDIOLOGY_CONSULTATION'],
  });
  await seedUser(world.t.storage, 'dr-cdi', [{ role: 'facility_clinician', facilityId: cdiId }]);
  await seedUser(world.t.storage, 'lic-sri', [{ role: 'facility_clinician', facilityId: sriId }]);
  await seedUser(world.t.storage, 'dr-cat', [{ role: 'facility_clinician', facilityId: catId }]);
  const household = await seedHousehold(world.t, world.postId, [
    { firstNames: 'Pedro', lastNames: 'Rangel', sex: 'M', birthDate: bornYearsAgo(58) },
    { firstNames: 'Luisa', lastNames: 'Rangel', sex: 'F', birthDate: bornYearsAgo(52) },
  ]);
  return {
    ...world,
    admin,
    cdi: await loginAs(world.t.app, 'dr-cdi'),
    sri: await loginAs(world.t.app, 'lic-sri'),
    cat: await loginAs(world.t.app, 'dr-cat'),
    cdiId,
    closedCdiId,
    sriId,
    catId,
    patient: household.personIds[0]!,
    otherPatient: household.personIds[1]!,
  };
}

/** A referral body for chest pain to the CDI's emergency room, with overrides. */
export function chestPain(toFacilityId: string, overrides: Record<string, unknown> = {}) {
  return {
    toFacilityId,
    serviceCode: 'EMERGENCY_ROOM',
    reason: 'Dolor torácico opresivo de 2 horas',
    icd10Code: 'I20.0',
    urgency: 'emergency',
    ...overrides,
  };
}
