#!/usr/bin/env node
// Regenerates data/territory/{states,municipalities,parishes}.json from the
// `venezuela` npm package (version 2.0.0, MIT), file venezuela.js.
//
// Usage:
//   node data/build-territory.mjs <path/to/venezuela.js> [output-dir]
//
// The output directory defaults to data/territory next to this script.
// Only Node built-ins are used. The package file is parsed as JSON text, it
// is never executed. See data/SOURCES.md for what is derived and why.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// One row per federal entity the package lists. `pkgName` is how the package
// spells the state and is only used to match rows. `iso` is the current
// ISO 3166-2:VE code (the package's own codes for Amazonas and Vargas are
// outdated and are replaced here). `population2011` is the INE 2011 census
// count of residents (Censo Nacional de Población y Vivienda 2011).
// prettier-ignore
const STATES = [
  { pkgName: "Distrito Capital", iso: "VE-A", ine: "01", name: "Distrito Capital", population2011: 1943901 },
  { pkgName: "Anzoátegui", iso: "VE-B", ine: "02", name: "Anzoátegui", population2011: 1469747 },
  { pkgName: "Apure", iso: "VE-C", ine: "03", name: "Apure", population2011: 459025 },
  { pkgName: "Aragua", iso: "VE-D", ine: "04", name: "Aragua", population2011: 1630308 },
  { pkgName: "Barinas", iso: "VE-E", ine: "05", name: "Barinas", population2011: 816264 },
  { pkgName: "Bolívar", iso: "VE-F", ine: "06", name: "Bolívar", population2011: 1410964 },
  { pkgName: "Carabobo", iso: "VE-G", ine: "07", name: "Carabobo", population2011: 2245744 },
  { pkgName: "Cojedes", iso: "VE-H", ine: "08", name: "Cojedes", population2011: 323165 },
  { pkgName: "Falcón", iso: "VE-I", ine: "09", name: "Falcón", population2011: 902847 },
  { pkgName: "Guárico", iso: "VE-J", ine: "10", name: "Guárico", population2011: 747739 },
  { pkgName: "Lara", iso: "VE-K", ine: "11", name: "Lara", population2011: 1774867 },
  { pkgName: "Mérida", iso: "VE-L", ine: "12", name: "Mérida", population2011: 828592 },
  { pkgName: "Miranda", iso: "VE-M", ine: "13", name: "Miranda", population2011: 2675165 },
  { pkgName: "Monagas", iso: "VE-N", ine: "14", name: "Monagas", population2011: 905443 },
  { pkgName: "Nueva Esparta", iso: "VE-O", ine: "15", name: "Nueva Esparta", population2011: 491610 },
  { pkgName: "Portuguesa", iso: "VE-P", ine: "16", name: "Portuguesa", population2011: 876496 },
  { pkgName: "Sucre", iso: "VE-R", ine: "17", name: "Sucre", population2011: 896291 },
  { pkgName: "Táchira", iso: "VE-S", ine: "18", name: "Táchira", population2011: 1168908 },
  { pkgName: "Trujillo", iso: "VE-T", ine: "19", name: "Trujillo", population2011: 686367 },
  { pkgName: "Yaracuy", iso: "VE-U", ine: "20", name: "Yaracuy", population2011: 600852 },
  { pkgName: "Zulia", iso: "VE-V", ine: "21", name: "Zulia", population2011: 3704404 },
  { pkgName: "Amazonas", iso: "VE-Z", ine: "22", name: "Amazonas", population2011: 146480 },
  { pkgName: "Delta Amacuro", iso: "VE-Y", ine: "23", name: "Delta Amacuro", population2011: 167676 },
  { pkgName: "Vargas", iso: "VE-X", ine: "24", name: "La Guaira", formerName: "Vargas", population2011: 352920 },
];

// Census figures used only for the consistency check below.
const CENSUS_TOTAL_2011 = 27227930;
const DEPENDENCIAS_FEDERALES_2011 = 2155;

const EXPECTED = { states: 24, municipalities: 335, parishes: 1139 };

function fail(message) {
  console.error(`build-territory: ${message}`);
  process.exit(1);
}

function loadPackageData(file) {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('[');
  const end = text.lastIndexOf(']');
  if (!/module\.exports\s*=/.test(text) || start < 0 || end < start) {
    fail(`${file} does not look like the package's venezuela.js`);
  }
  try {
    return { data: JSON.parse(text.slice(start, end + 1)), text };
  } catch (error) {
    fail(`cannot parse ${file} as JSON data: ${error.message}`);
  }
}

const pad2 = (n) => String(n).padStart(2, '0');
const clean = (s) => String(s).trim();

function build(pkg) {
  const byName = new Map(STATES.map((row) => [row.pkgName, row]));
  const states = [];
  const municipalities = [];
  const parishes = [];
  const notes = [];

  for (const entry of pkg) {
    const row = byName.get(clean(entry.estado));
    if (!row) fail(`state not in the table: ${JSON.stringify(entry.estado)}`);
    byName.delete(row.pkgName);
    if (entry.iso_31662 !== row.iso) {
      notes.push(`ISO code of ${row.name}: package ${entry.iso_31662} -> ${row.iso}`);
    }

    const state = { code: row.iso, ineCode: row.ine, name: row.name };
    if (row.formerName) state.formerName = row.formerName;
    state.capital = clean(entry.capital);
    state.population2011 = row.population2011;
    states.push(state);

    entry.municipios.forEach((mun, i) => {
      const munCode = `${row.iso}-${pad2(i + 1)}`;
      municipalities.push({
        code: munCode,
        stateCode: row.iso,
        name: clean(mun.municipio),
        capital: clean(mun.capital),
      });
      if (mun.parroquias.length === 0) {
        notes.push(`municipality without parishes: ${munCode} ${clean(mun.municipio)} (${row.name})`);
      }
      mun.parroquias.forEach((par, j) => {
        parishes.push({
          code: `${munCode}-${pad2(j + 1)}`,
          municipalityCode: munCode,
          name: clean(par),
        });
      });
    });
  }
  if (byName.size > 0) fail(`states missing from the package: ${[...byName.keys()].join(', ')}`);

  const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  states.sort(byCode);
  municipalities.sort(byCode);
  parishes.sort(byCode);
  return { states, municipalities, parishes, notes };
}

function check({ states, municipalities, parishes }) {
  const problems = [];
  const counts = {
    states: states.length,
    municipalities: municipalities.length,
    parishes: parishes.length,
  };
  for (const [key, n] of Object.entries(EXPECTED)) {
    if (counts[key] !== n) problems.push(`expected ${n} ${key}, got ${counts[key]}`);
  }

  const allCodes = new Set();
  for (const item of [...states, ...municipalities, ...parishes]) {
    if (allCodes.has(item.code)) problems.push(`duplicate code ${item.code}`);
    allCodes.add(item.code);
    if (!item.name) problems.push(`empty name at ${item.code}`);
  }

  const stateCodes = new Set(states.map((s) => s.code));
  const munCodes = new Set(municipalities.map((m) => m.code));
  for (const m of municipalities) {
    if (!stateCodes.has(m.stateCode)) problems.push(`${m.code}: unknown state ${m.stateCode}`);
  }
  for (const p of parishes) {
    if (!munCodes.has(p.municipalityCode)) problems.push(`${p.code}: unknown municipality ${p.municipalityCode}`);
  }

  const warnings = [];
  const dupNames = (items, parentKey, label) => {
    const seen = new Map();
    for (const item of items) {
      const key = `${item[parentKey]}\u0000${item.name.toLocaleLowerCase('es')}`;
      if (seen.has(key)) warnings.push(`duplicate ${label} name "${item.name}": ${seen.get(key)} and ${item.code}`);
      else seen.set(key, item.code);
    }
  };
  dupNames(municipalities, 'stateCode', 'municipality');
  dupNames(parishes, 'municipalityCode', 'parish');
  return { counts, problems, warnings };
}

function writeJson(file, value) {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

function main() {
  const [input, outArg] = process.argv.slice(2);
  if (!input) {
    console.error('usage: node data/build-territory.mjs <path/to/venezuela.js> [output-dir]');
    process.exit(2);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const outDir = resolve(outArg ?? join(here, 'territory'));

  const { data, text } = loadPackageData(resolve(input));
  const result = build(data);
  const { counts, problems, warnings } = check(result);
  if (problems.length > 0) fail(`checks failed:\n  ${problems.join('\n  ')}`);

  mkdirSync(outDir, { recursive: true });
  writeJson(join(outDir, 'states.json'), result.states);
  writeJson(join(outDir, 'municipalities.json'), result.municipalities);
  writeJson(join(outDir, 'parishes.json'), result.parishes);

  const sum = result.states.reduce((acc, s) => acc + s.population2011, 0);
  const sha = createHash('sha256').update(text).digest('hex');
  console.log(`input sha256 ${sha}`);
  console.log(`states ${counts.states}, municipalities ${counts.municipalities}, parishes ${counts.parishes}`);
  console.log(
    `population 2011: sum of the 24 entities ${sum}; plus Dependencias Federales ${sum + DEPENDENCIAS_FEDERALES_2011}` +
      ` (census total ${CENSUS_TOTAL_2011}, ${sum + DEPENDENCIAS_FEDERALES_2011 === CENSUS_TOTAL_2011 ? 'matches' : 'DOES NOT MATCH'})`,
  );
  const catia = result.parishes.find((p) => p.municipalityCode === 'VE-A-01' && p.name === 'Sucre (Catia)');
  console.log(`Distrito Capital / Libertador / Sucre (Catia): ${catia ? catia.code : 'NOT FOUND'}`);
  for (const note of result.notes) console.log(`note: ${note}`);
  for (const warning of warnings) console.log(`warning: ${warning}`);
  console.log(`wrote ${outDir}`);
}

main();
