import { planAsicAreas, type AsicArea } from './demo.asics';
import { NetworkBuilder, type AsicRow, type FacilityRow, type SectorRow, type StatusChangeRow } from './demo.builder';
import type { CatalogService } from './demo.equipment';
import { firstPostHistory } from './demo.history';
import { numbered, sectorNamer, streetAddress, type SectorName } from './demo.names';
import {
  capitalMunicipality,
  parishPopulations,
  type MunicipalityPlace,
  type ParishPlace,
  type StatePlace,
} from './demo.population';
import {
  catsForState,
  clinicsForState,
  DISPENSARY_SHARE,
  hospitalsForState,
  POSTS_PER_SECTOR,
  postsForPopulation,
} from './demo.rules';

export interface DemoInput {
  states: StatePlace[];
  municipalities: MunicipalityPlace[];
  parishes: ParishPlace[];
  catalog: CatalogService[];
}

/** The places the demo users work at, in the first ASIC of parish Sucre (Catia). */
export interface DemoWorkplaces {
  asic: AsicRow;
  cdi: FacilityRow;
  post: FacilityRow;
  dispensary: FacilityRow;
}

export interface DemoPlan {
  sectors: SectorRow[];
  asics: AsicRow[];
  facilities: FacilityRow[];
  statusChanges: StatusChangeRow[];
  workplaces: DemoWorkplaces;
}

/** Parish Sucre (Catia), Libertador, Distrito Capital: where the network began in 2003. */
export const DEMO_PARISH = 'VE-A-01-22';
/** The demo users' post is the first post of the first sector there. */
export const DEMO_POST_NAME = 'Consultorio Popular Los Frailes';
/** The demo pharmacist's dispensary, in the third sector of the same ASIC. */
export const DEMO_DISPENSARY_NAME = 'Dispensario Popular Gramoven';

/** The tier IV children's cardiology hospital, in Caracas (parish La Vega, Libertador). */
export const NATIONAL_HOSPITAL = {
  name: 'Hospital Cardiológico Infantil Latinoamericano',
  parish: 'VE-A-01-13',
} as const;

type Place = { parish: ParishPlace; population: number };

/** Plans the whole demo network, the same for the same seed. Pure: the caller writes it. */
export function planDemoNetwork(input: DemoInput, seed: number): DemoPlan {
  const populations = parishPopulations(seed, input.states, input.municipalities, input.parishes);
  const builder = new NetworkBuilder(seed, input.catalog);
  const namers = new Map<string, () => SectorName>();
  const nameSector = (parishCode: string) => {
    if (!namers.has(parishCode))
      namers.set(parishCode, sectorNamer(parishCode, builder.random(`sector-names:${parishCode}`)));
    return namers.get(parishCode)!();
  };
  const parishByCode = new Map(input.parishes.map((p) => [p.code, p]));
  let workplaces: DemoWorkplaces | undefined;
  for (const state of input.states) {
    const ranked: { municipality: MunicipalityPlace; parishes: Place[]; population: number }[] = [];
    for (const municipality of input.municipalities.filter((m) => m.stateCode === state.code)) {
      const parishes = input.parishes
        .filter((p) => p.municipalityCode === municipality.code)
        .map((parish) => ({ parish, population: populations.get(parish.code) ?? 0 }));
      // The source has a municipality without parishes; with no parish there is nowhere to build.
      if (parishes.length === 0) continue;
      const areas = planAsicAreas(
        state.code,
        municipality.code,
        parishes.map((p) => ({ code: p.parish.code, population: p.population })),
      );
      for (const area of areas) {
        const isDemo = !workplaces && area.territoryCode === DEMO_PARISH;
        const planned = planAsic(builder, area, state, parishByCode, nameSector, isDemo);
        if (isDemo) workplaces = planned as DemoWorkplaces;
      }
      ranked.push({
        municipality,
        parishes: parishes.sort((a, b) => b.population - a.population || a.parish.code.localeCompare(b.parish.code)),
        population: parishes.reduce((sum, p) => sum + p.population, 0),
      });
    }
    ranked.sort((a, b) => b.population - a.population || a.municipality.code.localeCompare(b.municipality.code));
    planStateCentres(builder, state, ranked);
  }
  const nationalParish = parishByCode.get(NATIONAL_HOSPITAL.parish);
  if (nationalParish) {
    builder.addFacility({
      kind: 'national_hospital',
      name: NATIONAL_HOSPITAL.name,
      parish: nationalParish,
      statePopulation: 0,
    });
  }
  // The start-up banner names these places, so the plan must have put them where it says.
  if (workplaces?.post?.name !== DEMO_POST_NAME || workplaces.dispensary?.name !== DEMO_DISPENSARY_NAME) {
    throw new Error(`The demo network lacks ${DEMO_POST_NAME} or ${DEMO_DISPENSARY_NAME} in parish ${DEMO_PARISH}`);
  }
  return {
    sectors: builder.sectors,
    asics: builder.asics,
    facilities: builder.facilities,
    statusChanges: builder.statusChanges,
    workplaces,
  };
}

/**
 * One ASIC: its sectors and posts over the parishes it serves, its CDI and SRI in one of its
 * sectors, and for some a popular dispensary.
 */
function planAsic(
  builder: NetworkBuilder,
  area: AsicArea,
  state: StatePlace,
  parishByCode: Map<string, ParishPlace>,
  nameSector: (parishCode: string) => SectorName,
  isDemo: boolean,
): Partial<DemoWorkplaces> {
  const sectors: { sector: SectorRow; place: string; parish: ParishPlace; posts: number }[] = [];
  for (const part of area.parts) {
    const parish = parishByCode.get(part.parishCode)!;
    const random = builder.random(`sectors:${part.parishCode}:${builder.asics.length}`);
    for (let left = postsForPopulation(part.population); left > 0;) {
      const posts = Math.min(left, random.int(POSTS_PER_SECTOR.min, POSTS_PER_SECTOR.max));
      const name = nameSector(parish.code);
      sectors.push({ sector: builder.addSector(parish, name.name), place: name.place, parish, posts });
      left -= posts;
    }
  }
  const centre = sectors[Math.min(1, sectors.length - 1)]!;
  const asic = builder.addAsic(area, `ASIC ${centre.place}`);
  const common = { asic, statePopulation: state.population, history: { operating: isDemo } };
  const located = (at: (typeof sectors)[number]) => ({
    parish: at.parish,
    sector: at.sector,
    address: `Avenida principal, ${at.sector.name}`,
  });
  const cdi = builder.addFacility({
    ...common,
    ...located(centre),
    kind: 'cdi',
    name: `CDI ${centre.place}`,
    targetPopulation: area.population,
  });
  builder.addFacility({
    ...common,
    ...located(centre),
    kind: 'sri',
    name: `SRI ${centre.place}`,
    targetPopulation: area.population,
  });
  let dispensary: FacilityRow | undefined;
  if (isDemo || builder.random(`dispensary:${asic.code}`).chance(DISPENSARY_SHARE)) {
    const at = sectors[Math.min(2, sectors.length - 1)]!;
    dispensary = builder.addFacility({
      ...common,
      ...located(at),
      kind: 'dispensary',
      name: `Dispensario Popular ${at.place}`,
    });
  }
  let post: FacilityRow | undefined;
  for (const { sector, place, parish, posts } of sectors) {
    const random = builder.random(`posts:${sector.id}`);
    for (let i = 0; i < posts; i++) {
      const first = isDemo && !post;
      const added = builder.addFacility({
        kind: 'consultorio_popular',
        name: numbered(`Consultorio Popular ${place}`, i),
        parish,
        sector,
        asic,
        address: streetAddress(random, sector.name),
        statePopulation: state.population,
        ...(first && { steps: firstPostHistory() }),
      });
      post ??= isDemo ? added : undefined;
    }
  }
  return { asic, cdi, post, dispensary };
}

/**
 * The state's CATs, hospitals and clínicas populares, placed in the largest parishes of its
 * largest municipalities. The first CAT and the main hospital (in the capital) are operating.
 */
function planStateCentres(
  builder: NetworkBuilder,
  state: StatePlace,
  ranked: { municipality: MunicipalityPlace; parishes: Place[] }[],
) {
  const spots: { parish: ParishPlace; name: string }[] = [];
  const deepest = Math.max(...ranked.map((r) => r.parishes.length));
  for (let round = 0; round < deepest; round++) {
    for (const { municipality, parishes } of ranked) {
      const place = parishes[round];
      if (place) spots.push({ parish: place.parish, name: round === 0 ? municipality.name : place.parish.name });
    }
  }
  const spot = (i: number) => spots[i % spots.length]!;
  const common = { statePopulation: state.population };
  const address = (parish: ParishPlace) => `Avenida principal, ${parish.name}`;
  for (let i = 0; i < catsForState(state.population); i++) {
    const { parish, name } = spot(i);
    builder.addFacility({
      ...common,
      kind: 'cat',
      name: `CAT ${name}`,
      parish,
      address: address(parish),
      history: { operating: i === 0 },
    });
  }
  const capitalCode = capitalMunicipality(
    state,
    ranked.map((r) => r.municipality),
  );
  const capital = ranked.find((r) => r.municipality.code === capitalCode) ?? ranked[0]!;
  const mainParish = capital.parishes[0]!.parish;
  const hospitals = hospitalsForState(state.population);
  builder.addFacility({
    ...common,
    kind: 'hospital',
    name: `Hospital Central de ${state.capital}`,
    parish: mainParish,
    address: address(mainParish),
    targetPopulation: state.population,
    main: true,
    history: { operating: true },
  });
  const others = spots.filter((s) => s.parish.code !== mainParish.code);
  for (let i = 0; i < hospitals - 1; i++) {
    const { parish, name } = others[i % others.length] ?? spot(i);
    builder.addFacility({
      ...common,
      kind: 'hospital',
      name: `Hospital General ${name}`,
      parish,
      address: address(parish),
      targetPopulation: Math.round(state.population / hospitals),
    });
  }
  for (let i = 0; i < clinicsForState(state.population); i++) {
    const { parish, name } = spot(i + 1);
    builder.addFacility({
      ...common,
      kind: 'clinica_popular',
      name: `Clínica Popular ${name}`,
      parish,
      address: address(parish),
    });
  }
}
