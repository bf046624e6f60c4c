import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import {
  findHouseholdNames,
  findSector,
  insertFamilies,
  insertHousehold,
  listFamilies,
  listMembers,
  updateHousehold,
  type FamilyRow,
  type HouseholdRow,
} from './household.repository';
import { toLivingConditions } from './household.mapping';
import { defaultFamilyName, isPost, missingConditions } from './household.rules';
import type { AmendHouseholdInput, HouseholdDetail, RegisterHouseholdInput } from './household.schema';
import { findHouseholdForCareTeam, findPostForCareTeam, type PersonRow } from './person.access';
import { headFirst, toPersonSummary } from './person.mapping';
import type { AddMemberInput, PersonSummary } from './person.schema';
import { addPersonsToHousehold, addPersonToHousehold } from './person.service';

/** The post where the caller holds the permission (404 otherwise, logged), if it keeps a census. */
export async function findPostForCensus(
  db: Db,
  access: Access,
  facilityId: string,
  permission: 'census.read' | 'census.write' | 'census.merge',
) {
  const post = await findPostForCareTeam(db, access, facilityId, permission);
  if (!isPost(post.kind)) {
    throw new AppError('NOT_A_POST', `A ${post.kind} keeps no household census; register households at its posts`);
  }
  return post;
}

/** The sector's name, after checking that it lies in the post's parish. */
async function checkSector(db: Db, sectorId: string | null, parishCode: string): Promise<string | null> {
  if (sectorId === null) return null;
  const sector = await findSector(db, sectorId);
  if (!sector) throw fieldError('UNKNOWN_SECTOR', 'sectorId', 'There is no such sector');
  if (sector.parish_code !== parishCode) {
    throw fieldError('TERRITORY_MISMATCH', 'sectorId', `The sector is not in the post's parish ${parishCode}`);
  }
  return sector.name;
}

function toHouseholdDetail(
  household: HouseholdRow,
  names: { facility_name: string; sector_name: string | null; registered_by_name: string | null },
  families: FamilyRow[],
  members: PersonRow[],
  flagged: (personId: string) => boolean,
): HouseholdDetail {
  const today = todayLocal();
  const living = members.filter((m) => m.vital_status === 'alive');
  return {
    id: household.id,
    facilityId: household.facility_id,
    facilityName: names.facility_name,
    stateCode: household.state_code,
    parishCode: household.parish_code,
    sectorId: household.sector_id,
    sectorName: names.sector_name,
    address: household.address,
    latitude: household.latitude,
    longitude: household.longitude,
    ...toLivingConditions(household, living.length),
    registeredOn: household.registered_on,
    registeredBy: names.registered_by_name ?? household.registered_by,
    createdAt: new Date(household.created_at).toISOString(),
    updatedAt: new Date(household.updated_at).toISOString(),
    families: families.map((f) => ({
      id: f.id,
      name: f.name,
      members: living.filter((m) => m.family_id === f.id).length,
    })),
    members: headFirst(members).map((m) => toPersonSummary(m, flagged(m.id), today)),
  };
}

/**
 * Registers a household at a post with its families and members in one transaction, every row on
 * the ledger; members who look like someone already registered at the post are flagged. The
 * living conditions may be left for a later visit: the household then waits on the post's
 * worklist to be surveyed.
 */
export async function registerHousehold(
  db: Db,
  access: Access,
  facilityId: string,
  input: RegisterHouseholdInput,
): Promise<HouseholdDetail> {
  const post = await findPostForCensus(db, access, facilityId, 'census.write');
  const sectorName = await checkSector(db, input.sectorId, post.parish_code);
  const today = todayLocal();
  const registeredOn = input.registeredOn ?? today;
  if (registeredOn > today) throw fieldError('VALIDATION_FAILED', 'registeredOn', 'The date cannot be in the future');
  const head = input.members.find((m) => m.relationship === 'head')!;
  const familyNames = input.families?.map((f) => f.name) ?? [defaultFamilyName(head.lastNames)];
  input.members.forEach((member, i) => {
    if (member.familyIndex >= familyNames.length) {
      throw fieldError('UNKNOWN_FAMILY', `members.${i}.familyIndex`, `There are only ${familyNames.length} families`);
    }
  });
  const now = new Date();
  const actor = access.userId;
  const written = await db.transaction().execute(async (tx) => {
    const household = await insertHousehold(tx, actor, {
      id: newId(),
      facility_id: post.id,
      state_code: post.state_code,
      parish_code: post.parish_code,
      sector_id: input.sectorId,
      address: input.address,
      latitude: input.latitude,
      longitude: input.longitude,
      ...conditionColumns(input),
      registered_on: registeredOn,
      registered_by: actor,
      created_at: now,
      updated_at: now,
    });
    const familyIds = familyNames.map(() => newId());
    const families = await insertFamilies(
      tx,
      actor,
      familyNames.map((name, i) => ({
        id: familyIds[i]!,
        household_id: household.id,
        facility_id: post.id,
        state_code: post.state_code,
        name,
        created_at: now,
      })),
    );
    const members = input.members.map((m) => ({ ...m, familyId: familyIds[m.familyIndex]! }));
    const { persons, flagged } = await addPersonsToHousehold(tx, actor, household, members, (i) => `members.${i}.`);
    families.sort((a, b) => familyIds.indexOf(a.id) - familyIds.indexOf(b.id));
    return { household, families, persons, flagged };
  });
  return toHouseholdDetail(
    written.household,
    { facility_name: post.name, sector_name: sectorName, registered_by_name: access.actor.displayName },
    written.families,
    written.persons,
    (id) => written.flagged.has(id),
  );
}

/** The stored living conditions of a survey, or all null when none was given (not surveyed). */
function conditionColumns(input: RegisterHouseholdInput) {
  if (input.waterSource === undefined) {
    return {
      water_source: null,
      sanitation: null,
      electricity: null,
      floor: null,
      rooms: null,
      waste_disposal: null,
      vectors: null,
    };
  }
  return {
    water_source: input.waterSource,
    sanitation: input.sanitation!,
    electricity: input.electricity!,
    floor: input.floor!,
    rooms: input.rooms!,
    waste_disposal: input.wasteDisposal!,
    vectors: input.vectors ?? [],
  };
}

/** A household with its families and current members, for the post's team. */
export async function getHousehold(db: Db, access: Access, id: string): Promise<HouseholdDetail> {
  const household = await findHouseholdForCareTeam(db, access, id, 'census.read');
  const [names, families, members] = await Promise.all([
    findHouseholdNames(db, id),
    listFamilies(db, id),
    listMembers(db, id),
  ]);
  const flagged = new Set(members.filter((m) => m.flagged).map((m) => m.id));
  return toHouseholdDetail(household, names, families, members, (personId) => flagged.has(personId));
}

/**
 * Amends the address, place or living conditions of a household, on the ledger. A household not
 * surveyed yet is surveyed by giving every condition at once.
 */
export async function amendHousehold(
  db: Db,
  access: Access,
  id: string,
  input: AmendHouseholdInput,
): Promise<HouseholdDetail> {
  const household = await findHouseholdForCareTeam(db, access, id, 'census.write');
  if (input.sectorId !== undefined) {
    if (household.parish_code === null) {
      throw fieldError('TERRITORY_MISMATCH', 'sectorId', 'The household has no parish to choose a sector of');
    }
    await checkSector(db, input.sectorId, household.parish_code);
  }
  const [missing] = missingConditions(input, household.water_source !== null);
  if (missing) {
    throw fieldError(
      'VALIDATION_FAILED',
      missing,
      'Survey every living condition, or leave them all for a later visit',
    );
  }
  const vectors = input.vectors ?? (household.vectors === null && input.waterSource !== undefined ? [] : undefined);
  await db.transaction().execute((tx) =>
    updateHousehold(tx, access.userId, id, {
      ...(input.address !== undefined && { address: input.address }),
      ...(input.sectorId !== undefined && { sector_id: input.sectorId }),
      ...(input.latitude !== undefined && { latitude: input.latitude }),
      ...(input.longitude !== undefined && { longitude: input.longitude }),
      ...(input.waterSource !== undefined && { water_source: input.waterSource }),
      ...(input.sanitation !== undefined && { sanitation: input.sanitation }),
      ...(input.electricity !== undefined && { electricity: input.electricity }),
      ...(input.floor !== undefined && { floor: input.floor }),
      ...(input.wasteDisposal !== undefined && { waste_disposal: input.wasteDisposal }),
      ...(vectors !== undefined && { vectors }),
      ...(input.rooms !== undefined && { rooms: input.rooms }),
      updated_at: new Date(),
    }),
  );
  return getHousehold(db, access, id);
}

/** Adds a family to a household (a second family sharing the home). */
export async function addFamily(db: Db, access: Access, householdId: string, name: string) {
  const household = await findHouseholdForCareTeam(db, access, householdId, 'census.write');
  const [family] = await db.transaction().execute((tx) =>
    insertFamilies(tx, access.userId, [
      {
        id: newId(),
        household_id: household.id,
        facility_id: household.facility_id,
        state_code: household.state_code,
        name,
        created_at: new Date(),
      },
    ]),
  );
  return { id: family!.id, name: family!.name, members: 0 };
}

/** Registers one more member of an existing household. */
export async function addMember(
  db: Db,
  access: Access,
  householdId: string,
  input: AddMemberInput,
): Promise<PersonSummary> {
  const household = await findHouseholdForCareTeam(db, access, householdId, 'census.write');
  const personId = await db.transaction().execute((tx) => addPersonToHousehold(tx, access.userId, household, input));
  const member = (await listMembers(db, householdId)).find((m) => m.id === personId)!;
  return toPersonSummary(member, member.flagged);
}
