import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { writeLedgered } from '../integrity/ledger.repository';
import { summarizeFacilityCounts } from '../facilities/facility.rules';
import {
  countFacilitiesByChild,
  findTerritory,
  listAsicsWithin,
  listChildTerritories,
  listSectors,
  searchTerritories,
  territoryNames,
} from './territory.repository';
import { normalizeForSearch, territoryLevel, territoryLineage, type TerritoryLevel } from './territory.rules';
import type { TerritoryNode, TerritorySearchQuery } from './territory.schema';

const CHILD_LEVEL: Record<TerritoryLevel, TerritoryLevel | null> = {
  nation: 'state',
  state: 'municipality',
  municipality: 'parish',
  parish: null,
};

/** One territory with its lineage, its children and facility counts for each. */
export async function getTerritoryNode(db: Db, access: Access, code: string): Promise<TerritoryNode> {
  access.require('network.read');
  const level = territoryLevel(code);
  const territory = level && (await findTerritory(db, code, level));
  if (!level || !territory) throw new AppError('TERRITORY_NOT_FOUND', `There is no territory with code ${code}`);
  const lineageCodes = territoryLineage(code);
  const [names, children, counts, sectors, asics] = await Promise.all([
    territoryNames(db, lineageCodes),
    listChildTerritories(db, code, level),
    countFacilitiesByChild(db, code, level),
    level === 'parish' ? listSectors(db, code) : Promise.resolve([]),
    // the nation's few hundred ASICs are listed by state, not all at once
    level === 'nation' ? Promise.resolve([]) : listAsicsWithin(db, code),
  ]);
  const childLevel = CHILD_LEVEL[level];
  return {
    code: territory.code,
    name: territory.name,
    level,
    population2011: territory.population2011,
    lineage: lineageCodes.map((c) => ({ code: c, name: names.get(c) ?? c, level: territoryLevel(c)! })),
    facilities: summarizeFacilityCounts(counts),
    children: children.map((child) => ({
      code: child.code,
      name: child.name,
      level: childLevel!,
      facilities: summarizeFacilityCounts(counts.filter((row) => row.area === child.code)),
    })),
    sectors: sectors.map((s) => ({ id: s.id, name: s.name })),
    asics: asics.map((a) => ({
      id: a.id,
      code: a.code,
      name: a.name,
      territoryCode: a.territory_code,
      population: a.population,
    })),
  };
}

export async function findTerritories(db: Db, access: Access, query: TerritorySearchQuery) {
  access.require('network.read');
  return searchTerritories(db, query.q, query.limit, query.level);
}

export interface ParishPlacement {
  stateCode: string;
  municipalityCode: string;
  parishCode: string;
}

/**
 * Checks a parish code (and, when given, the state and municipality it should lie in) against
 * the reference data, naming the field at fault.
 */
export async function placeInParish(
  db: Db,
  given: { parishCode: string; municipalityCode?: string | undefined; stateCode?: string | undefined },
): Promise<ParishPlacement> {
  const parish = await db
    .selectFrom('parishes')
    .select(['code', 'municipality_code', 'state_code'])
    .where('code', '=', given.parishCode)
    .executeTakeFirst();
  if (!parish) throw fieldError('UNKNOWN_TERRITORY', 'parishCode', `There is no parish with code ${given.parishCode}`);
  if (given.municipalityCode !== undefined && given.municipalityCode !== parish.municipality_code) {
    const known = await db
      .selectFrom('municipalities')
      .select('code')
      .where('code', '=', given.municipalityCode)
      .executeTakeFirst();
    if (!known)
      throw fieldError(
        'UNKNOWN_TERRITORY',
        'municipalityCode',
        `There is no municipality with code ${given.municipalityCode}`,
      );
    throw fieldError(
      'TERRITORY_MISMATCH',
      'parishCode',
      `Parish ${given.parishCode} is not in municipality ${given.municipalityCode}`,
    );
  }
  if (given.stateCode !== undefined && given.stateCode !== parish.state_code) {
    const known = await db.selectFrom('states').select('code').where('code', '=', given.stateCode).executeTakeFirst();
    if (!known) throw fieldError('UNKNOWN_TERRITORY', 'stateCode', `There is no state with code ${given.stateCode}`);
    throw fieldError(
      'TERRITORY_MISMATCH',
      'parishCode',
      `Parish ${given.parishCode} is not in state ${given.stateCode}`,
    );
  }
  return { stateCode: parish.state_code, municipalityCode: parish.municipality_code, parishCode: parish.code };
}

/** Registers a sector (the neighbourhood a post serves) in a parish. */
export async function createSector(db: Db, access: Access, input: { parishCode: string; name: string }) {
  const place = await placeInParish(db, { parishCode: input.parishCode });
  access.requireAt('network.manage', place.parishCode);
  const searchName = normalizeForSearch(input.name);
  return db.transaction().execute(async (tx) => {
    const clash = await tx
      .selectFrom('sectors')
      .select('id')
      .where('parish_code', '=', place.parishCode)
      .where('search_name', '=', searchName)
      .executeTakeFirst();
    if (clash)
      throw fieldError(
        'DUPLICATE_SECTOR',
        'name',
        `Parish ${place.parishCode} already has a sector named "${input.name}"`,
      );
    const id = newId();
    await writeLedgered(
      tx,
      access.userId,
      'create',
      'sectors',
      tx
        .insertInto('sectors')
        .values({
          id,
          parish_code: place.parishCode,
          state_code: place.stateCode,
          name: input.name,
          search_name: searchName,
          created_at: new Date(),
        })
        .returningAll(),
    );
    return { id, parishCode: place.parishCode, name: input.name };
  });
}

/** Registers an ASIC: the CDI, its SRI and the posts that refer to them, for 40–50 thousand people. */
export async function createAsic(
  db: Db,
  access: Access,
  input: { code: string; name: string; territoryCode: string; population: number | null },
) {
  const level = territoryLevel(input.territoryCode);
  if (level !== 'municipality' && level !== 'parish') {
    throw fieldError('UNKNOWN_TERRITORY', 'territoryCode', 'An ASIC lies in a municipality or a parish: give its code');
  }
  const territory = await findTerritory(db, input.territoryCode, level);
  if (!territory)
    throw fieldError('UNKNOWN_TERRITORY', 'territoryCode', `There is no ${level} with code ${input.territoryCode}`);
  access.requireAt('network.manage', input.territoryCode);
  return db.transaction().execute(async (tx) => {
    const clash = await tx.selectFrom('asics').select('id').where('code', '=', input.code).executeTakeFirst();
    if (clash) throw fieldError('DUPLICATE_ASIC_CODE', 'code', `ASIC code ${input.code} is already in use`);
    const id = newId();
    await writeLedgered(
      tx,
      access.userId,
      'create',
      'asics',
      tx
        .insertInto('asics')
        .values({
          id,
          code: input.code,
          name: input.name,
          search_name: normalizeForSearch(input.name),
          territory_code: input.territoryCode,
          state_code: territoryLineage(input.territoryCode)[1]!,
          population: input.population,
          created_at: new Date(),
        })
        .returningAll(),
    );
    return { id, code: input.code, name: input.name, territoryCode: input.territoryCode, population: input.population };
  });
}
