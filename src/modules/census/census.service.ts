import type { Db } from '../../db/database';
import type { Access } from '../../server/access';
import { fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { countByGroup, countCensus, countHouseholdsNotSurveyed, listPostHouseholds } from './census.repository';
import type { CensusOverview, CensusQuery } from './census.schema';
import { GROUP_LABELS, type DispensaryGroup } from './classification.rules';
import { listSectors } from './household.repository';
import { coveragePercent, overcrowdingIfSurveyed, targetFamilies } from './household.rules';
import { findPostForCensus } from './household.service';
import { searchWords } from './person.rules';

/** How far a post's census has come, its people by dispensary group, and a page of its households. */
export async function postCensus(
  db: Db,
  access: Access,
  facilityId: string,
  query: CensusQuery,
): Promise<CensusOverview> {
  const post = await findPostForCensus(db, access, facilityId, 'census.read');
  const sectors = await listSectors(db, post.parish_code);
  if (query.sectorId && !sectors.some((s) => s.id === query.sectorId)) {
    throw fieldError('UNKNOWN_SECTOR', 'sectorId', "The sector is not in the post's parish");
  }
  const today = todayLocal();
  const [counts, notSurveyed, groups, page] = await Promise.all([
    countCensus(db, facilityId),
    countHouseholdsNotSurveyed(db, facilityId),
    countByGroup(db, facilityId, today),
    listPostHouseholds(db, {
      facilityId,
      sectorId: query.sectorId,
      words: searchWords(query.q ?? ''),
      page: query.page,
      pageSize: query.pageSize,
    }),
  ]);
  const personsByGroup = { I: 0, II: 0, III: 0, IV: 0, unclassified: 0 };
  for (const row of groups) {
    const label =
      row.dispensary_group === null ? 'unclassified' : GROUP_LABELS[row.dispensary_group as DispensaryGroup];
    personsByGroup[label] += Number(row.n);
  }
  const target = targetFamilies(post.target_families);
  return {
    post: {
      id: post.id,
      code: post.code,
      name: post.name,
      kind: post.kind,
      parishCode: post.parish_code,
      parishName: post.parish_name,
    },
    sectors,
    ...counts,
    householdsNotSurveyed: notSurveyed,
    target,
    coveragePercent: coveragePercent(counts.families, target.families),
    personsByGroup,
    classificationsDue: groups.reduce((sum, row) => sum + Number(row.due), 0),
    householdPage: {
      items: page.rows.map((r) => ({
        id: r.id,
        address: r.address,
        sectorId: r.sector_id,
        sectorName: r.sector_name,
        head: r.head ?? null,
        members: Number(r.members ?? 0),
        families: Number(r.families ?? 0),
        conditionsSurveyed: r.rooms !== null,
        rooms: r.rooms,
        overcrowding: overcrowdingIfSurveyed(Number(r.members ?? 0), r.rooms),
        registeredOn: r.registered_on,
      })),
      total: page.total,
      page: query.page,
      pageSize: query.pageSize,
    },
  };
}
