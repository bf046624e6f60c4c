import { personSearchName, type Relationship } from '../../census/person.rules';
import { addDays, addYears } from '../../care/calendar';
import { newbornRelationship } from '../../care/maternal.rules';
import { apportion, pickWeighted, type Random } from '../demo.rules';
import { FEMALE_NAMES, MALE_NAMES, STREETS, SURNAMES } from './population.names';
import { dayBetween, type PlannedPerson, type PopulationContext, type PopulationPost } from './population.plan';
import {
  AGE_PYRAMID_2011,
  BIRTHS_PER_1000,
  LIVING_CONDITIONS,
  MALE_SHARE,
  PERSONS_PER_HOUSEHOLD,
  VECTOR_SHARES,
} from './population.rules';

interface Draft {
  age: number;
  sex: 'F' | 'M';
  birthDate: string;
}

interface HouseholdDraft {
  post: PopulationPost;
  head: Draft;
  members: { draft: Draft; relationship: Relationship; mother?: number }[];
}

/** An age in whole years drawn from the 2011 pyramid, ages 1 and over (infants are the year's births). */
function drawAge(random: Random): number {
  const group = pickWeighted(
    random,
    AGE_PYRAMID_2011.map((share, i) => [i, i === 0 ? share * 0.8 : share] as const),
  );
  return group === 0
    ? random.int(1, 4)
    : group === 16
      ? 80 + Math.floor(-8 * Math.log(1 - random.next()))
      : group * 5 + random.int(0, 4);
}

function draft(ctx: PopulationContext, random: Random, age: number, sex?: 'F' | 'M'): Draft {
  const birthday = addYears(ctx.today, -age - 1);
  return { age, sex: sex ?? (random.chance(MALE_SHARE) ? 'M' : 'F'), birthDate: addDays(birthday, random.int(1, 364)) };
}

/** Which of the ASIC's posts is planned, of how many: national ids are drawn apart by it. */
export interface PostSlot {
  index: number;
  of: number;
}

/**
 * Households, families and persons of one of the ASIC's posts. Ages and sexes are drawn from the 2011
 * pyramid first and then gathered into households around a head, so the whole population keeps the
 * pyramid's shape: spouses near the head's age, minors as children or grandchildren of a head old
 * enough, the remaining adults as grown children, parents or other relatives. The year's newborns
 * (BIRTHS_PER_1000) are placed with mothers aged 15–44, in their mothers' households.
 */
export function planPostCensus(ctx: PopulationContext, post: PopulationPost, population: number, slot: PostSlot) {
  const random = ctx.random(`census:${post.code}`);
  const births = Math.round((population * BIRTHS_PER_1000) / 1000);
  const drafts = Array.from({ length: population - births }, () => draft(ctx, random, drawAge(random)));
  const adults = drafts.filter((d) => d.age >= 18).sort((a, b) => a.age - b.age);
  const minors = drafts.filter((d) => d.age < 18);
  const householdCount = Math.max(1, Math.round(population / PERSONS_PER_HOUSEHOLD));
  // Heads: every adult aged 25+ is a candidate; those in their thirties to sixties are likelier.
  const candidates = adults.filter((a) => a.age >= 22);
  const households: HouseholdDraft[] = [];
  const taken = new Set<Draft>();
  for (let i = 0; i < householdCount && candidates.length > 0; i++) {
    let head = candidates[random.int(0, candidates.length - 1)]!;
    for (let tries = 0; tries < 3 && (taken.has(head) || head.age > 75); tries++)
      head = candidates[random.int(0, candidates.length - 1)]!;
    if (taken.has(head)) continue;
    taken.add(head);
    households.push({ post, head, members: [{ draft: head, relationship: 'head' }] });
  }
  const byHeadAge = new Map<number, HouseholdDraft[]>();
  for (const h of households) byHeadAge.set(h.head.age, [...(byHeadAge.get(h.head.age) ?? []), h]);
  const householdAged = (from: number, to: number) => {
    for (let tries = 0; tries < 12; tries++) {
      const list = byHeadAge.get(random.int(from, to));
      if (list) return list[random.int(0, list.length - 1)]!;
    }
    return households[random.int(0, households.length - 1)]!;
  };
  for (const adult of adults) {
    if (taken.has(adult)) continue;
    const h = random.chance(0.55)
      ? householdAged(adult.age - 6, adult.age + 8)
      : householdAged(adult.age - 70, adult.age + 60);
    const spouse = h.members.length === 1 && Math.abs(h.head.age - adult.age) <= 12 && adult.sex !== h.head.sex;
    const relationship: Relationship = spouse
      ? 'spouse'
      : h.head.age - adult.age >= 17
        ? random.chance(0.85)
          ? 'child'
          : 'child_in_law'
        : adult.age - h.head.age >= 17
          ? random.chance(0.75)
            ? 'parent'
            : 'parent_in_law'
          : random.chance(0.5)
            ? 'sibling'
            : random.chance(0.7)
              ? 'other_relative'
              : 'non_relative';
    h.members.push({ draft: adult, relationship });
  }
  for (const minor of minors) {
    const h = householdAged(minor.age + 18, minor.age + 60);
    const relationship: Relationship = h.head.age - minor.age <= 44 ? 'child' : 'grandchild';
    h.members.push({ draft: minor, relationship });
  }
  const mothers = households.flatMap((h) =>
    h.members
      .map((m, index) => ({ h, index, m }))
      .filter(({ m }) => m.draft.sex === 'F' && m.draft.age >= 15 && m.draft.age <= 44),
  );
  const fertility = mothers.map(
    ({ m }) => [m, m.draft.age < 20 ? 0.9 : m.draft.age < 35 ? 1.2 : m.draft.age < 40 ? 0.45 : 0.12] as const,
  );
  const used = new Set<unknown>();
  for (let i = 0; i < births && mothers.length > 0; i++) {
    const pick = pickWeighted(
      random,
      fertility.map(([m, w], j) => [j, used.has(m) ? 0 : w] as const),
    );
    const { h, index, m } = mothers[pick]!;
    used.add(m);
    const baby = {
      age: 0,
      sex: (random.chance(0.512) ? 'M' : 'F') as 'F' | 'M',
      birthDate: dayBetween(random, ctx.yearStart, addDays(ctx.today, -1)),
    };
    h.members.push({ draft: baby, relationship: newbornRelationship(m.relationship), mother: index });
  }
  households.forEach((h, i) => writeHousehold(ctx, random, h, i, slot));
}

const weighted = <T extends string>(random: Random, options: readonly (readonly [T, number])[]) =>
  pickWeighted(random, options);

function surnames(random: Random): [string, string] {
  return [random.pick(SURNAMES), random.pick(SURNAMES)];
}

function givenNames(random: Random, sex: 'F' | 'M'): string {
  const list = sex === 'F' ? FEMALE_NAMES : MALE_NAMES;
  const first = random.pick(list);
  if (!random.chance(0.6)) return first;
  const second = random.pick(list);
  return second === first ? first : `${first} ${second}`;
}

/**
 * A cédula for most adults and older children: numbers were issued in rising order, so they follow
 * the birth year. Each post draws numbers of its own residue modulo the number of posts, so posts
 * planned apart never draw the same number.
 */
function nationalId(random: Random, person: Draft, used: Set<string>, slot: PostSlot): string | null {
  const share = person.age >= 18 ? 0.95 : person.age >= 9 ? 0.6 : person.age >= 1 ? 0.12 : 0;
  if (!random.chance(share)) return null;
  const year = Number(person.birthDate.slice(0, 4));
  const base = Math.max(1_000_000, Math.min(34_000_000, (year - 1935) * 520_000));
  for (;;) {
    const drawn = base + random.int(0, 600_000);
    const id = `${random.chance(0.03) ? 'E' : 'V'}-${drawn - (drawn % slot.of) + slot.index}`;
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

const usedIds = new WeakMap<PopulationContext, Set<string>>();

function writeHousehold(ctx: PopulationContext, random: Random, h: HouseholdDraft, index: number, slot: PostSlot) {
  const registeredOn = dayBetween(random, '2004-03-01', addDays(ctx.yearStart, -30));
  const created = ctx.at(registeredOn, random.int(0, 400));
  const householdId = ctx.id(registeredOn, random);
  const vectors = VECTOR_SHARES.filter(([, share]) => random.chance(share)).map(([v]) => v);
  ctx.rows.households.push({
    id: householdId,
    facility_id: h.post.id,
    state_code: h.post.stateCode,
    parish_code: h.post.parishCode,
    sector_id: h.post.sectorId,
    address: `${h.post.sectorName}, ${random.pick(STREETS)}, casa ${index + 1}`,
    latitude: Math.round((10.515 + random.normal() * 0.006) * 1e6) / 1e6,
    longitude: Math.round((-66.945 + random.normal() * 0.008) * 1e6) / 1e6,
    water_source: weighted(random, LIVING_CONDITIONS.water_source),
    sanitation: weighted(random, LIVING_CONDITIONS.sanitation),
    electricity: weighted(random, LIVING_CONDITIONS.electricity),
    floor: weighted(random, LIVING_CONDITIONS.floor),
    rooms: Math.max(1, Math.min(8, Math.round(1 + h.members.length / 2.2 + random.normal() * 0.8))),
    waste_disposal: weighted(random, LIVING_CONDITIONS.waste_disposal),
    vectors,
    registered_on: registeredOn,
    registered_by: 'demo',
    created_at: created,
    updated_at: created,
  });
  const headSurnames = surnames(random);
  const spouse = h.members.find((m) => m.relationship === 'spouse');
  const spouseSurnames = surnames(random);
  const family = (name: string) => {
    const id = ctx.id(registeredOn, random);
    ctx.rows.families.push({
      id,
      household_id: householdId,
      facility_id: h.post.id,
      state_code: h.post.stateCode,
      name,
      created_at: created,
    });
    return id;
  };
  const mainFamily = family(`Familia ${headSurnames.join(' ')}`);
  // Grown children with partners and grandchildren form a second family in one household in five.
  const extended = h.members.some((m) => m.relationship === 'grandchild') && random.chance(0.2);
  const secondFamily = extended ? family(`Familia ${random.pick(SURNAMES)} ${headSurnames[0]}`) : null;
  const planned: PlannedPerson[] = [];
  const ids = usedIds.get(ctx) ?? new Set<string>();
  usedIds.set(ctx, ids);
  for (const member of h.members) {
    const { draft: d, relationship } = member;
    const father = h.head.sex === 'M' ? headSurnames : spouse ? spouseSurnames : surnames(random);
    const mother = h.head.sex === 'F' ? headSurnames : spouse ? spouseSurnames : surnames(random);
    const last =
      relationship === 'head'
        ? headSurnames.join(' ')
        : relationship === 'spouse'
          ? spouseSurnames.join(' ')
          : relationship === 'child'
            ? `${father[0]} ${mother[0]}`
            : member.mother !== undefined
              ? `${random.pick(SURNAMES)} ${planned[member.mother]!.row.last_names.split(' ')[0]}`
              : `${random.pick(SURNAMES)} ${random.chance(0.5) ? headSurnames[0] : random.pick(SURNAMES)}`;
    const first = givenNames(random, d.sex);
    const knownFrom = d.birthDate > registeredOn ? d.birthDate : registeredOn;
    const at = ctx.at(knownFrom, random.int(0, 400));
    const inSecond = secondFamily && ['grandchild', 'child_in_law'].includes(relationship);
    const person: PlannedPerson = {
      row: {
        id: ctx.id(knownFrom, random),
        household_id: householdId,
        family_id: inSecond ? secondFamily : mainFamily,
        facility_id: h.post.id,
        state_code: h.post.stateCode,
        first_names: first,
        last_names: last,
        search_name: personSearchName(first, last),
        sex: d.sex,
        birth_date: d.birthDate,
        national_id: nationalId(random, d, ids, slot),
        relationship,
        vital_status: 'alive',
        died_on: null,
        merged_into: null,
        created_at: at,
        updated_at: at,
      },
      post: h.post,
      age: d.age,
      relationship,
      chronic: [],
      knownFrom,
      ...(member.mother !== undefined && { motherIndex: ctx.people.length - planned.length + member.mother }),
    };
    planned.push(person);
    ctx.people.push(person);
  }
  for (const p of planned) ctx.rows.persons.push(p.row);
}

/** People per post: the demo post its own planned families, the rest of the ASIC over the other posts by theirs. */
export function peoplePerPost(posts: readonly PopulationPost[], population: number, demoPostId: string): number[] {
  const demo = posts.find((p) => p.id === demoPostId);
  const demoPeople = demo ? Math.min(population, Math.round(demo.targetFamilies * PERSONS_PER_HOUSEHOLD)) : 0;
  const others = posts.filter((p) => p.id !== demoPostId);
  const shares = apportion(
    population - demoPeople,
    others.map((p) => p.targetFamilies),
  );
  return posts.map((p) => (p.id === demoPostId ? demoPeople : shares[others.indexOf(p)]!));
}
