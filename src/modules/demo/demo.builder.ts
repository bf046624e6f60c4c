import type { Insertable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AsicTable, FacilityStatusChangeTable, FacilityTable, SectorTable } from '../../db/schema';
import { KIND_TIER, type FacilityKind } from '../facilities/facility.rules';
import { normalizeForSearch } from '../territory/territory.rules';
import type { AsicArea } from './demo.asics';
import { bedsFor, servicesFor, type CatalogService } from './demo.equipment';
import { HISTORY_END, HISTORY_START, planStatusHistory, type HistoryOptions, type StatusStep } from './demo.history';
import { KIND_CODE } from './demo.names';
import type { ParishPlace } from './demo.population';
import { FAMILIES_PER_POST, randomFor, type Random } from './demo.rules';

export type SectorRow = Insertable<SectorTable> & { created_at: Date };
export type AsicRow = Insertable<AsicTable> & { created_at: Date };
export type FacilityRow = Insertable<FacilityTable> & { id: string; created_at: Date };
export type StatusChangeRow = Insertable<FacilityStatusChangeTable> & { id: string };

export interface FacilitySpec {
  kind: FacilityKind;
  name: string;
  parish: ParishPlace;
  statePopulation: number;
  sector?: SectorRow;
  asic?: AsicRow;
  address?: string;
  targetPopulation?: number;
  /** The main hospital of a state is sized to the state. */
  main?: boolean;
  history?: HistoryOptions;
  /** A history given outright instead of a planned one. */
  steps?: StatusStep[];
}

/** Status changes are recorded at 09:00 in Caracas (13:00 UTC) on the day they took effect. */
const RECORDED_HOUR_UTC = 13;
const START_MS = Date.parse(`${HISTORY_START}T00:00:00Z`);
/** A sector or ASIC dates from its first facility; until one is added it carries the last day. */
const UNDATED = () => new Date(`${HISTORY_END}T00:00:00Z`);

function recordedAt(date: string, index: number): Date {
  return new Date(Date.parse(`${date}T${RECORDED_HOUR_UTC}:00:00Z`) + index * 60_000);
}

/**
 * Collects the rows of the demo network. Ids are UUIDv7 made from the seeded randomness and the
 * record's date, so the same seed gives the same ids, and codes number each kind within its state.
 */
export class NetworkBuilder {
  readonly sectors: SectorRow[] = [];
  readonly asics: AsicRow[] = [];
  readonly facilities: FacilityRow[] = [];
  readonly statusChanges: StatusChangeRow[] = [];
  readonly #sequences = new Map<string, number>();

  constructor(
    readonly seed: number,
    private readonly catalog: readonly CatalogService[],
  ) {}

  /** The random stream for one named thing in this network. */
  random(key: string): Random {
    return randomFor(this.seed, key);
  }

  #next(key: string): number {
    const next = (this.#sequences.get(key) ?? 0) + 1;
    this.#sequences.set(key, next);
    return next;
  }

  #id(msecs: number, random: Random): string {
    return uuidv7({ msecs, random: random.bytes(16) });
  }

  addSector(parish: ParishPlace, name: string): SectorRow {
    const random = this.random(`sector:${parish.code}:${name}`);
    const sector: SectorRow = {
      id: this.#id(START_MS + this.sectors.length, random),
      parish_code: parish.code,
      state_code: parish.stateCode,
      name,
      search_name: normalizeForSearch(name),
      created_at: UNDATED(),
    };
    this.sectors.push(sector);
    return sector;
  }

  addAsic(area: AsicArea, name: string): AsicRow {
    const code = `${area.stateCode}-ASIC-${String(this.#next(`${area.stateCode}:ASIC`)).padStart(3, '0')}`;
    const asic: AsicRow = {
      id: this.#id(START_MS + this.asics.length, this.random(`asic:${code}`)),
      code,
      name,
      search_name: normalizeForSearch(name),
      territory_code: area.territoryCode,
      state_code: area.stateCode,
      population: area.population,
      created_at: UNDATED(),
    };
    this.asics.push(asic);
    return asic;
  }

  /** Adds a facility with its dated status history; its sector and ASIC date from their first facility. */
  addFacility(spec: FacilitySpec): FacilityRow {
    const state = spec.parish.stateCode;
    const code = `${state}-${KIND_CODE[spec.kind]}-${String(this.#next(`${state}:${spec.kind}`)).padStart(5, '0')}`;
    const random = this.random(`facility:${code}`);
    const steps = spec.steps ?? planStatusHistory(spec.kind, random, spec.history);
    const first = steps[0]!;
    const last = steps.at(-1)!;
    const createdAt = recordedAt(first.effectiveOn, 0);
    const beds = bedsFor(spec.kind, random, spec.statePopulation, spec.main ?? false);
    const facility: FacilityRow = {
      id: this.#id(createdAt.getTime(), random),
      code,
      name: spec.name,
      search_name: normalizeForSearch(spec.name),
      kind: spec.kind,
      tier: KIND_TIER[spec.kind],
      state_code: state,
      municipality_code: spec.parish.municipalityCode,
      parish_code: spec.parish.code,
      sector_id: spec.sector?.id ?? null,
      asic_id: spec.asic?.id ?? null,
      address: spec.address ?? null,
      phone: null,
      services: servicesFor(spec.kind, this.catalog, random),
      beds_ward: beds.ward,
      beds_icu: beds.icu,
      target_families:
        spec.kind === 'consultorio_popular' ? random.int(FAMILIES_PER_POST.min, FAMILIES_PER_POST.max) : null,
      target_population: spec.targetPopulation ?? null,
      status: last.to,
      status_since: last.effectiveOn,
      created_at: createdAt,
      updated_at: recordedAt(last.effectiveOn, steps.length - 1),
    };
    this.facilities.push(facility);
    steps.forEach((step, index) => {
      const at = recordedAt(step.effectiveOn, index);
      this.statusChanges.push({
        id: this.#id(at.getTime(), random),
        facility_id: facility.id,
        state_code: state,
        from_status: step.from,
        to_status: step.to,
        effective_on: step.effectiveOn,
        reason: step.reason,
        recorded_by: 'demo',
        recorded_at: at,
      });
    });
    for (const parent of [spec.sector, spec.asic]) {
      if (parent && createdAt < parent.created_at) parent.created_at = createdAt;
    }
    return facility;
  }
}
