import type { Db } from '../../db/database';
import type { Access } from '../../server/access';
import { AccessDenied } from '../../server/access';
import { todayLocal } from '../../shared/time';
import { dispensarizationOf } from './classification.service';
import { toLivingConditions } from './household.mapping';
import { canReadRecordLog, findPersonForCareTeam, findPersonForReadAudit } from './person.access';
import { toPersonSummary } from './person.mapping';
import { normalizeNationalId, searchWords } from './person.rules';
import type { SearchPersonsQuery } from './person.schema';
import type { PersonRecord } from './person-record.schema';
import {
  findFamilyName,
  findHouseholdPlace,
  listMergedFrom,
  listMoves,
  listOpenFlagsOf,
  listRecordReads,
  logRecordRead,
  searchPersons,
} from './person-record.repository';

/** The read log shows this many of the latest reads; `total` counts them all. */
const READ_LOG_LIMIT = 200;

async function readLog(db: Db, personId: string) {
  const { rows, total } = await listRecordReads(db, personId, READ_LOG_LIMIT);
  return {
    items: rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, at: new Date(r.at).toISOString() })),
    total,
  };
}

/**
 * A person's whole census record for the post's team. Opening it is logged before anything is
 * returned; the log itself is shown only to those who may audit reads at the person's post.
 */
export async function openPersonRecord(db: Db, access: Access, personId: string): Promise<PersonRecord> {
  const person = await findPersonForCareTeam(db, access, personId, 'census.read');
  await logRecordRead(db, person.id, access.userId);
  const today = todayLocal();
  const [household, family, mergedFrom, allFlags, moves] = await Promise.all([
    findHouseholdPlace(db, person.household_id),
    findFamilyName(db, person.family_id),
    listMergedFrom(db, person.id),
    listOpenFlagsOf(db, person.id),
    listMoves(db, person.id),
  ]);
  // A pair may span two facilities (a walk-in registered at an emergency room and someone of a
  // post it serves): the other person is shown to whoever may read them, or to the facility that
  // raised the flag, which found them among the people it serves.
  const mayRead = (facilityId: string) => access.canAtFacility('census.read', facilityId);
  const flags = allFlags.filter((f) => mayRead(f.other_facility_id) || mayRead(f.facility_id));
  const [dispensarization, log] = await Promise.all([
    dispensarizationOf(db, [person.id, ...mergedFrom], today),
    canReadRecordLog(access, person, household.facility_parish_code) ? readLog(db, person.id) : null,
  ]);
  return {
    ...toPersonSummary(person, flags.length > 0, today),
    facilityName: household.facility_name,
    mergedInto: person.merged_into,
    mergedFrom,
    household: {
      id: household.id,
      address: household.address,
      parishCode: household.parish_code,
      parishName: household.parish_name,
      sectorId: household.sector_id,
      sectorName: household.sector_name,
      latitude: household.latitude,
      longitude: household.longitude,
      ...toLivingConditions(household, Number(household.living_members ?? 0)),
    },
    family: family ? { id: family.id, name: family.name } : null,
    dispensarization,
    possibleDuplicates: flags.map((f) => ({
      id: f.id,
      reason: f.reason,
      detectedAt: new Date(f.detected_at).toISOString(),
      other: {
        id: f.other_id,
        firstNames: f.first_names,
        lastNames: f.last_names,
        birthDate: f.birth_date,
        nationalId: f.national_id,
      },
    })),
    moves: moves.map((m) => ({
      id: m.id,
      fromHouseholdId: m.from_household_id,
      fromAddress: m.from_address,
      toHouseholdId: m.to_household_id,
      toAddress: m.to_address,
      movedOn: m.moved_on,
      recordedBy: m.display_name ?? m.recorded_by,
      recordedAt: new Date(m.recorded_at).toISOString(),
    })),
    readLog: log,
  };
}

/** Who opened a person's record and when, for the post's team and auditors of its territory. */
export async function personReadLog(db: Db, access: Access, personId: string) {
  const person = await findPersonForReadAudit(db, access, personId);
  return readLog(db, person.id);
}

/** National ids a search might be: "V-12.345.678" as typed, or a bare number under either letter. */
function nationalIdsIn(query: string): string[] {
  const normalized = normalizeNationalId(query);
  if (normalized) return [normalized];
  const digits = query.replace(/[\s.]/g, '');
  return /^\d{5,9}$/.test(digits) ? [`V-${digits}`, `E-${digits}`] : [];
}

/** Finds people of the caller's posts by name (every word, accent-insensitive, partial) or national id. */
export async function findPersons(db: Db, access: Access, query: SearchPersonsQuery) {
  const posts = access.facilitiesFor('census.read');
  if (posts.length === 0) throw new AccessDenied('NOT_PERMITTED', 'lacks census.read');
  if (query.facilityId !== undefined) access.requireAtFacility('census.read', query.facilityId, 'FACILITY_NOT_FOUND');
  const q = query.q ?? '';
  const { rows, total } = await searchPersons(db, {
    facilityIds: query.facilityId ? [query.facilityId] : posts,
    words: searchWords(q),
    nationalIds: nationalIdsIn(q),
    page: query.page,
    pageSize: query.pageSize,
  });
  const today = todayLocal();
  return {
    items: rows.map((r) => ({ ...toPersonSummary(r, r.flagged, today), address: r.address })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
