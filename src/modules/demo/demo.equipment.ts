import type { FacilityKind } from '../facilities/facility.rules';
import type { Random } from './demo.rules';

export interface CatalogService {
  code: string;
  kinds: string[];
}

/**
 * Services that only some facilities of a kind have, with the share that do. The tier II shares
 * come from the counts of installed services in the background reading (572 CDIs had 414
 * endoscopy units and 80 operating rooms; 586 SRIs had 309 speech-therapy and 309 podiatry rooms;
 * 35 CATs had 24 MRI and 32 CT scanners); the others are estimates. Every other service the
 * catalog lists for a kind is installed in all facilities of that kind.
 */
const OPTIONAL_SERVICES: Partial<Record<FacilityKind, Record<string, number>>> = {
  consultorio_popular: { DENTISTRY: 0.25 },
  clinica_popular: { CLINICAL_LABORATORY: 0.6 },
  cdi: {
    ENDOSCOPY: 414 / 572,
    OPERATING_ROOM: 80 / 572,
    OBSTETRICS_DELIVERY: 0.1,
    OPHTHALMOLOGY: 0.3,
    DENTISTRY: 0.6,
    IMMUNIZATION: 0.8,
    MATERNAL_CHILD_CARE: 0.7,
    SPECIALIST_CONSULTATIONS: 0.5,
    INTERMEDIATE_CARE: 0.5,
  },
  sri: { SPEECH_THERAPY: 309 / 586, PODIATRY: 309 / 586, HYDROTHERAPY: 583 / 586 },
  cat: { MRI: 24 / 35, CT: 32 / 35, MAMMOGRAPHY: 34 / 35, VIDEO_ENDOSCOPY: 34 / 35 },
  hospital: {
    CT: 0.5,
    MAMMOGRAPHY: 0.5,
    ENDOSCOPY: 0.6,
    ECHOCARDIOGRAPHY: 0.6,
    PALLIATIVE_CARE: 0.4,
    GASTROENTEROLOGY_CONSULTATION: 0.5,
    OPHTHALMOLOGY: 0.5,
  },
};

/** The services installed in one facility: the catalog's services for its kind, the optional ones by chance. */
export function servicesFor(kind: FacilityKind, catalog: readonly CatalogService[], random: Random): string[] {
  const optional = OPTIONAL_SERVICES[kind] ?? {};
  return catalog
    .filter((service) => service.kinds.includes(kind))
    .filter((service) => optional[service.code] === undefined || random.chance(optional[service.code]!))
    .map((service) => service.code)
    .sort();
}

/**
 * The national children's cardiology hospital: 142 beds, 33 of them in intensive care (DESIGN §1);
 * the other 109 are ward beds.
 */
export const NATIONAL_HOSPITAL_BEDS = { ward: 109, icu: 33 } as const;

/**
 * Beds by kind. A CDI has a small medicine ward and an intensive-care room (6–12 and 2–6 beds);
 * posts, dispensaries, SRIs and CATs have none; a state's main hospital is sized to its state.
 */
export function bedsFor(
  kind: FacilityKind,
  random: Random,
  statePopulation: number,
  main: boolean,
): { ward: number; icu: number } {
  switch (kind) {
    case 'cdi':
      return { ward: random.int(6, 12), icu: random.int(2, 6) };
    case 'clinica_popular':
      return { ward: random.int(4, 12), icu: 0 };
    case 'hospital': {
      const ward = main
        ? Math.min(650, Math.max(180, Math.round(statePopulation / 5_000))) + random.int(-20, 20)
        : random.int(60, 220);
      return { ward, icu: Math.round(ward * (0.05 + random.next() * 0.05)) };
    }
    case 'national_hospital':
      return { ...NATIONAL_HOSPITAL_BEDS };
    default:
      return { ward: 0, icu: 0 };
  }
}
