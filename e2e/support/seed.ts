import type { Db } from '../../src/db/database';
import type { FacilityKind, FacilityStatus } from '../../src/modules/facilities/facility.rules';
import { changeFacilityStatus, registerFacility } from '../../src/modules/facilities/facility.service';
import { accessForUser } from '../../src/modules/people/auth.service';
import { createAsic, createSector } from '../../src/modules/territory/territory.service';

export interface FacilitySeed {
  code: string;
  name: string;
  kind: FacilityKind;
  parishCode: string;
  status?: 'planned' | 'under_construction' | 'operating';
  services?: string[];
  bedsWard?: number;
  bedsIcu?: number;
  statusDate?: string;
  asicId?: string | null;
  reason?: string;
}

async function actingAs(db: Db, userId: string) {
  const access = await accessForUser(db, userId);
  if (!access) throw new Error(`No active user ${userId} to seed with`);
  return access;
}

/** Registers facilities through the same service the API uses, as the given user. */
export async function seedFacilities(db: Db, userId: string, seeds: FacilitySeed[]): Promise<string[]> {
  const access = await actingAs(db, userId);
  const ids: string[] = [];
  for (const seed of seeds) {
    const facility = await registerFacility(db, access, {
      sectorId: null,
      asicId: null,
      address: null,
      phone: null,
      services: [],
      bedsWard: 0,
      bedsIcu: 0,
      targetFamilies: null,
      targetPopulation: null,
      status: 'planned',
      reason: 'Registro inicial',
      ...seed,
    });
    ids.push(facility.id);
  }
  return ids;
}

export async function seedStatusChange(
  db: Db,
  userId: string,
  facilityId: string,
  status: FacilityStatus,
  reason: string,
) {
  return changeFacilityStatus(db, await actingAs(db, userId), facilityId, { status, reason });
}

export async function seedSector(db: Db, userId: string, parishCode: string, name: string) {
  return createSector(db, await actingAs(db, userId), { parishCode, name });
}

/** `count` facilities named "<prefix> NN" with codes "<codePrefix>-NN", all alike. */
export function manyFacilities(
  count: number,
  base: Omit<FacilitySeed, 'code' | 'name'>,
  prefix: string,
  codePrefix: string,
): FacilitySeed[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return { ...base, code: `${codePrefix}-${n}`, name: `${prefix} ${n}` };
  });
}

/** Registers an ASIC over a territory, as the given user; facilities join it through `asicId`. */
export async function seedAsic(db: Db, userId: string, code: string, territoryCode: string) {
  const asic = await createAsic(db, await actingAs(db, userId), {
    code,
    name: `ASIC ${code}`,
    territoryCode,
    population: null,
  });
  return asic.id;
}
