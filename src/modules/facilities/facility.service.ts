import { isViolationOf } from '../../db/constraint';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { territoryContains, type Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { writeLedgered, writeLedgeredTogether } from '../integrity/ledger.repository';
import { findTerritory } from '../territory/territory.repository';
import { normalizeForSearch, territoryLevel } from '../territory/territory.rules';
import { placeInParish } from '../territory/territory.service';
import {
  countFacilities,
  facilityCodeExists,
  findFacilityById,
  findPlaceNames,
  findServices,
  listFacilities,
  listServiceCatalog,
  listStatusHistory,
  type FacilityRow,
} from './facility.repository';
import {
  allowedNextStatuses,
  canChangeStatus,
  KIND_TIER,
  summarizeFacilityCounts,
  type FacilityKind,
  type FacilityStatus,
} from './facility.rules';
import type { AmendFacilityInput, FacilityDetail, ListFacilitiesQuery, RegisterFacilityInput } from './facility.schema';

/** Checks service codes against the catalog; returns them without repeats. */
async function checkServices(db: Db, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  const known = new Set((await findServices(db, unique)).map((s) => s.code));
  const index = codes.findIndex((code) => !known.has(code));
  if (index >= 0)
    throw fieldError(
      'UNKNOWN_SERVICE',
      `services.${index}`,
      `There is no service with code ${codes[index]} in the catalog`,
    );
  return unique.sort();
}

/** Checks that a sector and an ASIC exist and hold the facility's parish. */
async function checkSectorAndAsic(db: Db, parishCode: string, sectorId: string | null, asicId: string | null) {
  if (sectorId) {
    const sector = await db.selectFrom('sectors').select('parish_code').where('id', '=', sectorId).executeTakeFirst();
    if (!sector) throw fieldError('UNKNOWN_SECTOR', 'sectorId', 'There is no such sector');
    if (sector.parish_code !== parishCode)
      throw fieldError('TERRITORY_MISMATCH', 'sectorId', `The sector is not in parish ${parishCode}`);
  }
  if (asicId) {
    const asic = await db.selectFrom('asics').select('territory_code').where('id', '=', asicId).executeTakeFirst();
    if (!asic) throw fieldError('UNKNOWN_ASIC', 'asicId', 'There is no such ASIC');
    if (!territoryContains(asic.territory_code, parishCode)) {
      throw fieldError('TERRITORY_MISMATCH', 'asicId', `The ASIC does not cover parish ${parishCode}`);
    }
  }
}

function checkNotFuture(date: string, field: string) {
  if (date > todayLocal()) throw fieldError('VALIDATION_FAILED', field, 'The date cannot be in the future');
}

/** Registers a facility of any kind and tier, with its first status, on the ledger. */
export async function registerFacility(db: Db, access: Access, input: RegisterFacilityInput): Promise<FacilityDetail> {
  const place = await placeInParish(db, input);
  access.requireAt('network.manage', place.parishCode);
  const services = await checkServices(db, input.services);
  await checkSectorAndAsic(db, place.parishCode, input.sectorId, input.asicId);
  const statusDate = input.statusDate ?? todayLocal();
  checkNotFuture(statusDate, 'statusDate');
  const id = newId();
  const now = new Date();
  const duplicateCode = () =>
    fieldError('DUPLICATE_FACILITY_CODE', 'code', `Facility code ${input.code} is already in use`);
  if (await facilityCodeExists(db, input.code)) throw duplicateCode();
  const facility = db
    .insertInto('facilities')
    .values({
      id,
      code: input.code,
      name: input.name,
      search_name: normalizeForSearch(input.name),
      kind: input.kind,
      tier: KIND_TIER[input.kind],
      state_code: place.stateCode,
      municipality_code: place.municipalityCode,
      parish_code: place.parishCode,
      sector_id: input.sectorId,
      asic_id: input.asicId,
      address: input.address,
      phone: input.phone,
      services,
      beds_ward: input.bedsWard,
      beds_icu: input.bedsIcu,
      target_families: input.targetFamilies,
      target_population: input.targetPopulation,
      status: input.status,
      status_since: statusDate,
      created_at: now,
      updated_at: now,
    })
    .returningAll();
  const firstStatus = db
    .insertInto('facility_status_changes')
    .values(
      statusChange(
        access,
        { id, state_code: place.stateCode },
        null,
        input.status,
        statusDate,
        input.reason || 'Registro inicial',
      ),
    )
    .returningAll();
  try {
    // The facility and its first status, with their ledger entries, in one statement.
    await writeLedgeredTogether(db, access.userId, [
      { entity: 'facilities', action: 'create', query: facility },
      { entity: 'facility_status_changes', action: 'create', query: firstStatus },
    ]);
  } catch (error) {
    if (isViolationOf(error, 'unique', 'facilities_code_key')) throw duplicateCode();
    throw error;
  }
  return getFacility(db, access, id);
}

/** The row that records a facility's change of status, by whom and why. */
function statusChange(
  access: Access,
  facility: Pick<FacilityRow, 'id' | 'state_code'>,
  from: FacilityStatus | null,
  to: FacilityStatus,
  effectiveOn: string,
  reason: string,
) {
  return {
    id: newId(),
    facility_id: facility.id,
    state_code: facility.state_code,
    from_status: from,
    to_status: to,
    effective_on: effectiveOn,
    reason,
    recorded_by: access.userId,
    recorded_at: new Date(),
  };
}

async function insertStatusChange(
  tx: Db,
  access: Access,
  facility: Pick<FacilityRow, 'id' | 'state_code'>,
  from: FacilityStatus | null,
  to: FacilityStatus,
  effectiveOn: string,
  reason: string,
) {
  await writeLedgered(
    tx,
    access.userId,
    'create',
    'facility_status_changes',
    tx
      .insertInto('facility_status_changes')
      .values(statusChange(access, facility, from, to, effectiveOn, reason))
      .returningAll(),
  );
}

/** The facility row locked for a change, after checking the user may manage it. */
async function lockFacilityForChange(tx: Db, access: Access, id: string): Promise<FacilityRow> {
  const facility = await tx.selectFrom('facilities').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!facility) throw new AppError('FACILITY_NOT_FOUND');
  access.requireAt('network.manage', facility.parish_code);
  return facility;
}

/** Amends a facility's details (not its code, kind, place or status). */
export async function amendFacility(
  db: Db,
  access: Access,
  id: string,
  input: AmendFacilityInput,
): Promise<FacilityDetail> {
  await db.transaction().execute(async (tx) => {
    const facility = await lockFacilityForChange(tx, access, id);
    const services = input.services && (await checkServices(tx, input.services));
    await checkSectorAndAsic(tx, facility.parish_code, input.sectorId ?? null, input.asicId ?? null);
    await writeLedgered(
      tx,
      access.userId,
      'update',
      'facilities',
      tx
        .updateTable('facilities')
        .set({
          ...(input.name !== undefined && { name: input.name, search_name: normalizeForSearch(input.name) }),
          ...(input.sectorId !== undefined && { sector_id: input.sectorId }),
          ...(input.asicId !== undefined && { asic_id: input.asicId }),
          ...(input.address !== undefined && { address: input.address }),
          ...(input.phone !== undefined && { phone: input.phone }),
          ...(services !== undefined && { services }),
          ...(input.bedsWard !== undefined && { beds_ward: input.bedsWard }),
          ...(input.bedsIcu !== undefined && { beds_icu: input.bedsIcu }),
          ...(input.targetFamilies !== undefined && { target_families: input.targetFamilies }),
          ...(input.targetPopulation !== undefined && { target_population: input.targetPopulation }),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll(),
    );
  });
  return getFacility(db, access, id);
}

/** Moves a facility along its lifecycle, recording who, when and why. */
export async function changeFacilityStatus(
  db: Db,
  access: Access,
  id: string,
  input: { status: FacilityStatus; effectiveOn?: string | undefined; reason: string },
): Promise<FacilityDetail> {
  const effectiveOn = input.effectiveOn ?? todayLocal();
  checkNotFuture(effectiveOn, 'effectiveOn');
  await db.transaction().execute(async (tx) => {
    const facility = await lockFacilityForChange(tx, access, id);
    const from = facility.status as FacilityStatus;
    if (!canChangeStatus(from, input.status)) {
      const allowed = allowedNextStatuses(from);
      throw fieldError(
        'STATUS_CHANGE_FORBIDDEN',
        'status',
        `A facility that is ${from} cannot become ${input.status}; it can become ${allowed.join(' or ')}`,
      );
    }
    if (effectiveOn < facility.status_since) {
      throw fieldError(
        'VALIDATION_FAILED',
        'effectiveOn',
        `The change cannot predate the current status, dated ${facility.status_since}`,
      );
    }
    await writeLedgered(
      tx,
      access.userId,
      'update',
      'facilities',
      tx
        .updateTable('facilities')
        .set({ status: input.status, status_since: effectiveOn, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll(),
    );
    await insertStatusChange(tx, access, facility, from, input.status, effectiveOn, input.reason);
  });
  return getFacility(db, access, id);
}

/** A facility with its place, services and status history. */
export async function getFacility(db: Db, access: Access, id: string): Promise<FacilityDetail> {
  access.require('network.read');
  const facility = await findFacilityById(db, id);
  if (!facility) throw new AppError('FACILITY_NOT_FOUND');
  const [names, services, history, sector, asic] = await Promise.all([
    findPlaceNames(db, facility.parish_code),
    findServices(db, facility.services),
    listStatusHistory(db, id),
    facility.sector_id
      ? db.selectFrom('sectors').select('name').where('id', '=', facility.sector_id).executeTakeFirst()
      : undefined,
    facility.asic_id
      ? db.selectFrom('asics').select('name').where('id', '=', facility.asic_id).executeTakeFirst()
      : undefined,
  ]);
  const status = facility.status as FacilityStatus;
  return {
    id: facility.id,
    code: facility.code,
    name: facility.name,
    kind: facility.kind as FacilityKind,
    tier: facility.tier,
    status,
    statusSince: facility.status_since,
    stateCode: facility.state_code,
    municipalityCode: facility.municipality_code,
    parishCode: facility.parish_code,
    stateName: names.state,
    municipalityName: names.municipality,
    parishName: names.parish,
    bedsWard: facility.beds_ward,
    bedsIcu: facility.beds_icu,
    sectorId: facility.sector_id,
    sectorName: sector?.name ?? null,
    asicId: facility.asic_id,
    asicName: asic?.name ?? null,
    address: facility.address,
    phone: facility.phone,
    services: services.map((s) => ({ code: s.code, nameEs: s.name_es, nameEn: s.name_en, area: s.area })),
    targetFamilies: facility.target_families,
    targetPopulation: facility.target_population,
    allowedNextStatuses: [...allowedNextStatuses(status)],
    statusHistory: history.map((h) => ({
      id: h.id,
      fromStatus: h.from_status as FacilityStatus | null,
      toStatus: h.to_status as FacilityStatus,
      effectiveOn: h.effective_on,
      reason: h.reason,
      recordedBy: h.display_name ?? h.recorded_by,
      recordedAt: new Date(h.recorded_at).toISOString(),
    })),
    createdAt: new Date(facility.created_at).toISOString(),
    updatedAt: new Date(facility.updated_at).toISOString(),
    canManage: access.canAt('network.manage', facility.parish_code),
  };
}

/** Refuses a territory filter that names no known territory. */
async function checkTerritoryFilter(db: Db, code: string | undefined) {
  if (code === undefined) return;
  const level = territoryLevel(code);
  if (!level || !(await findTerritory(db, code, level))) {
    throw fieldError('UNKNOWN_TERRITORY', 'territory', `There is no territory with code ${code}`);
  }
}

export async function findFacilities(db: Db, access: Access, query: ListFacilitiesQuery) {
  access.require('network.read');
  await checkTerritoryFilter(db, query.territory);
  const { items, total } = await listFacilities(db, query);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function facilityCounts(db: Db, access: Access, territory: string | undefined) {
  access.require('network.read');
  await checkTerritoryFilter(db, territory);
  return summarizeFacilityCounts(await countFacilities(db, territory));
}

export async function serviceCatalog(db: Db, access: Access) {
  access.require('network.read');
  return (await listServiceCatalog(db)).map((s) => ({
    code: s.code,
    nameEs: s.name_es,
    nameEn: s.name_en,
    area: s.area,
    kinds: s.kinds,
  }));
}
