import type { FacilityKind } from '../facilities/facility.rules';
import { normalizeForSearch } from '../territory/territory.rules';
import { pickWeighted, type Random } from './demo.rules';

/** The short kind code inside a facility code: VE-A-CP-00001 is post 1 of Distrito Capital. */
export const KIND_CODE: Record<FacilityKind, string> = {
  consultorio_popular: 'CP',
  clinica_popular: 'CL',
  dispensary: 'DP',
  cdi: 'CDI',
  sri: 'SRI',
  cat: 'CAT',
  hospital: 'HG',
  national_hospital: 'HN',
};

/** Kinds of neighbourhood, by how often they name a sector. */
const SECTOR_TYPES = [
  ['Barrio', 35],
  ['Sector', 28],
  ['Urbanización', 12],
  ['Caserío', 10],
  ['Comunidad', 9],
  ['Vereda', 6],
] as const;

/** Trees, landforms and hopes that Venezuelan neighbourhoods are named after. */
const PLACE_WORDS = [
  'El Samán',
  'La Ceiba',
  'Los Mangos',
  'Las Flores',
  'El Cují',
  'La Pomarrosa',
  'Los Cocos',
  'El Araguaney',
  'Los Apamates',
  'La Palmita',
  'El Guayabo',
  'Los Bucares',
  'La Vaquera',
  'El Chaparral',
  'Las Acacias',
  'El Merey',
  'Los Cardones',
  'La Cañada',
  'El Cerrito',
  'La Quebrada',
  'Los Naranjos',
  'El Manantial',
  'La Lagunita',
  'El Topo',
  'La Loma',
  'Los Jabillos',
  'Las Palmas',
  'El Tamarindo',
  'El Carmen',
  'La Esperanza',
  'El Progreso',
  'La Unión',
  'La Victoria',
  'El Porvenir',
  'La Paz',
  'Los Pinos',
  'La Floresta',
  'El Rosario',
  'Las Margaritas',
  'El Mamón',
  'La Guásima',
  'Los Caobos',
  'El Paraíso',
  'La Montañita',
  'Los Cerritos',
  'El Platanal',
  'La Sabanita',
  'El Bosque',
  'Los Guamos',
  'La Bombilla',
  'El Trapiche',
  'Las Casitas',
] as const;

/** Words placed before a place word: "Altos de La Ceiba", "Brisas del Samán". */
const PLACE_PREFIXES = [
  '',
  '',
  '',
  'Altos de',
  'Brisas de',
  'Lomas de',
  'Valle de',
  'Sabana de',
  'Nuevo',
  'Cerro de',
] as const;

/** Dates that name barrios across the country. */
const DATE_NAMES = ['12 de Octubre', '5 de Julio', '19 de Abril', '24 de Junio', '1.º de Mayo', '3 de Mayo'] as const;

/**
 * Places of Catia, the first sectors of parish Sucre (Catia), where the network began in 2003; the
 * demo's own post is in the first.
 */
export const NAMED_SECTORS: Record<string, readonly string[]> = {
  'VE-A-01-22': [
    'Los Frailes',
    'Nueva Caracas',
    'Gramoven',
    'Propatria',
    'Los Magallanes',
    'Lídice',
    'Alta Vista',
    'El Amparo',
    'Casalta',
    'Blandín',
  ],
};

function joinPrefix(prefix: string, place: string): string {
  if (!prefix) return place;
  // "Nuevo Samán", "Nueva Esperanza"; a plural place keeps its article instead
  if (prefix === 'Nuevo') {
    if (place.startsWith('El ')) return `Nuevo ${place.slice(3)}`;
    if (place.startsWith('La ')) return `Nueva ${place.slice(3)}`;
    return place;
  }
  return `${prefix} ${place}`.replace(/ de El /, ' del ');
}

function placeName(random: Random): string {
  if (random.chance(0.05)) return random.pick(DATE_NAMES);
  return joinPrefix(random.pick(PLACE_PREFIXES), random.pick(PLACE_WORDS));
}

export interface SectorName {
  /** The full name, e.g. "Barrio Altos de La Ceiba". */
  name: string;
  /** The place alone, e.g. "Altos de La Ceiba", which names the facilities in it. */
  place: string;
}

/**
 * Gives the sectors of one parish names that do not repeat within it, starting with the parish's
 * named sectors when it has any.
 */
export function sectorNamer(parishCode: string, random: Random): () => SectorName {
  const used = new Set<string>();
  const named = [...(NAMED_SECTORS[parishCode] ?? [])];
  return () => {
    const listed = named.shift();
    if (listed) {
      used.add(normalizeForSearch(listed));
      return { name: `Barrio ${listed}`, place: listed };
    }
    let place = placeName(random);
    for (let attempt = 1; used.has(normalizeForSearch(place)); attempt++) {
      place = attempt > 40 ? `${placeName(random)} ${attempt}` : placeName(random);
    }
    used.add(normalizeForSearch(place));
    return { name: `${pickWeighted(random, SECTOR_TYPES)} ${place}`, place };
  };
}

const ROMAN = ['', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** "Consultorio Popular Los Frailes", then "… Los Frailes II" for the second post of a sector. */
export function numbered(name: string, index: number): string {
  return index === 0 ? name : `${name} ${ROMAN[index] ?? index + 1}`;
}

const STREETS = ['Calle', 'Calle', 'Avenida', 'Callejón', 'Vereda', 'Carrera', 'Transversal'] as const;

/** A plausible street address inside a sector. */
export function streetAddress(random: Random, sectorName: string): string {
  return `${random.pick(STREETS)} ${random.int(1, 24)}, ${sectorName}`;
}
