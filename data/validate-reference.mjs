#!/usr/bin/env node
// Checks the shape of three reference files in data/: the CIE-10 primary-care subset, the national
// immunization schedule and the essential-medicines module. Prints record counts and every problem
// found, and exits with status 1 if there is any. Only Node built-ins are used.
//
// Usage: node data/validate-reference.mjs [data-dir]
//
// What each file holds and where it comes from is written in data/SOURCES.md.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dataDir = resolve(process.argv[2] ?? dirname(fileURLToPath(import.meta.url)));
const problems = [];

function report(file, where, message) {
  problems.push(`${file}: ${where}: ${message}`);
}

function load(relativePath) {
  const text = readFileSync(join(dataDir, relativePath), 'utf8');
  if (text.charCodeAt(0) === 0xfeff) report(relativePath, 'file', 'starts with a byte-order mark');
  const value = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error(`${relativePath} must hold a JSON array`);
  return value;
}

const isText = (value) => typeof value === 'string' && value.length > 0 && value === value.trim();
const isDayCount = (value) => Number.isInteger(value) && value >= 0;

/** Reports keys that are missing or not expected, so a typo in a field name cannot pass unnoticed. */
function checkKeys(file, where, record, required, optional = []) {
  for (const key of required) if (!(key in record)) report(file, where, `missing "${key}"`);
  for (const key of Object.keys(record)) {
    if (!required.includes(key) && !optional.includes(key)) report(file, where, `unexpected "${key}"`);
  }
}

function checkUniqueCodes(file, records) {
  const seen = new Set();
  for (const [index, record] of records.entries()) {
    if (seen.has(record.code)) report(file, `#${index}`, `duplicate code ${record.code}`);
    seen.add(record.code);
  }
}

// ICD-10 chapters by the range of three-character categories they cover (WHO ICD-10, 2016 version,
// plus chapter XXII for the U codes).
const ICD_CHAPTERS = [
  ['I', 'A00', 'B99'],
  ['II', 'C00', 'D48'],
  ['III', 'D50', 'D89'],
  ['IV', 'E00', 'E90'],
  ['V', 'F00', 'F99'],
  ['VI', 'G00', 'G99'],
  ['VII', 'H00', 'H59'],
  ['VIII', 'H60', 'H95'],
  ['IX', 'I00', 'I99'],
  ['X', 'J00', 'J99'],
  ['XI', 'K00', 'K93'],
  ['XII', 'L00', 'L99'],
  ['XIII', 'M00', 'M99'],
  ['XIV', 'N00', 'N99'],
  ['XV', 'O00', 'O99'],
  ['XVI', 'P00', 'P96'],
  ['XVII', 'Q00', 'Q99'],
  ['XVIII', 'R00', 'R99'],
  ['XIX', 'S00', 'T98'],
  ['XX', 'V01', 'Y98'],
  ['XXI', 'Z00', 'Z99'],
  ['XXII', 'U00', 'U85'],
];
const ICD_CODE = /^[A-Z][0-9]{2}(\.[0-9X])?$/;
const ICD_BLOCK = /^([A-Z][0-9]{2})-([A-Z][0-9]{2})$/;

function checkIcd10(file, records) {
  let previous = '';
  for (const [index, record] of records.entries()) {
    const where = `#${index} ${record.code ?? '?'}`;
    checkKeys(file, where, record, ['code', 'title_es', 'chapter', 'block', 'kind'], ['sex', 'maternal', 'infectious']);
    const { code, title_es, chapter, block, kind } = record;
    if (typeof code !== 'string' || !ICD_CODE.test(code)) {
      report(file, where, 'code does not match ^[A-Z][0-9]{2}(\\.[0-9X])?$');
      continue;
    }
    if (code <= previous) report(file, where, `not sorted: comes after ${previous}`);
    previous = code;
    if (!isText(title_es)) report(file, where, 'title_es must be non-empty text without surrounding spaces');
    const category = code.slice(0, 3);
    const expectedChapter = ICD_CHAPTERS.find(([, from, to]) => category >= from && category <= to)?.[0];
    if (chapter !== expectedChapter) report(file, where, `chapter ${chapter} should be ${expectedChapter}`);
    const range = typeof block === 'string' ? ICD_BLOCK.exec(block) : null;
    if (!range) report(file, where, `block ${block} is not of the form A00-A09`);
    else if (category < range[1] || category > range[2]) report(file, where, `${category} lies outside block ${block}`);
    const expectedKind = code.length === 3 ? 'category' : 'subcategory';
    if (kind !== expectedKind) report(file, where, `kind should be ${expectedKind}`);
    if ('sex' in record && record.sex !== 'F' && record.sex !== 'M') report(file, where, 'sex must be "F" or "M"');
    if ('maternal' in record && record.maternal !== true) report(file, where, 'maternal is written only when true');
    if ('infectious' in record && record.infectious !== true)
      report(file, where, 'infectious is written only when true');
    if (code.startsWith('O') && (record.maternal !== true || record.sex !== 'F')) {
      report(file, where, 'codes of chapter XV must be maternal and female');
    }
  }
  checkUniqueCodes(file, records);
}

function checkDoses(file, where, doses) {
  if (!Array.isArray(doses) || doses.length === 0) {
    report(file, where, 'doses must be a non-empty array');
    return;
  }
  let previous = null;
  for (const [index, dose] of doses.entries()) {
    const at = `${where} dose ${index + 1}`;
    checkKeys(file, at, dose, [
      'number',
      'label_es',
      'minAgeDays',
      'recommendedAgeDays',
      'maxAgeDays',
      'minIntervalDaysFromPrevious',
    ]);
    const { number, label_es, minAgeDays, recommendedAgeDays, maxAgeDays, minIntervalDaysFromPrevious } = dose;
    if (number !== index + 1) report(file, at, `number is ${number}, expected ${index + 1}`);
    if (!isText(label_es)) report(file, at, 'label_es must be non-empty text');
    if (!isDayCount(minAgeDays)) report(file, at, 'minAgeDays must be a whole number of days');
    if (!isDayCount(recommendedAgeDays)) report(file, at, 'recommendedAgeDays must be a whole number of days');
    if (maxAgeDays !== null && !isDayCount(maxAgeDays)) report(file, at, 'maxAgeDays must be days or null');
    if (recommendedAgeDays < minAgeDays) report(file, at, 'recommended age is below the minimum age');
    if (maxAgeDays !== null && maxAgeDays < recommendedAgeDays)
      report(file, at, 'maximum age is below the recommended age');
    if (
      minIntervalDaysFromPrevious !== null &&
      !(Number.isInteger(minIntervalDaysFromPrevious) && minIntervalDaysFromPrevious > 0)
    ) {
      report(file, at, 'minIntervalDaysFromPrevious must be a positive whole number or null');
    }
    if (index === 0 && minIntervalDaysFromPrevious !== null) report(file, at, 'a first dose has no previous dose');
    if (previous) {
      if (minAgeDays < previous.minAgeDays) report(file, at, 'minimum age is lower than that of the previous dose');
      if (recommendedAgeDays <= previous.recommendedAgeDays) {
        report(file, at, 'recommended age does not increase from the previous dose');
      }
      if (minIntervalDaysFromPrevious !== null && minAgeDays < previous.minAgeDays + minIntervalDaysFromPrevious) {
        report(file, at, 'minimum age is earlier than the previous minimum age plus the minimum interval');
      }
    }
    previous = dose;
  }
}

function checkSchedule(file, records) {
  for (const [index, record] of records.entries()) {
    const where = `#${index} ${record.code ?? '?'}`;
    checkKeys(file, where, record, ['code', 'name_es', 'name_en', 'doses', 'targetSex', 'pregnancy', 'notes_es']);
    if (typeof record.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(record.code)) {
      report(file, where, 'code must be upper case letters, digits and underscores');
    }
    for (const key of ['name_es', 'name_en', 'notes_es'])
      if (!isText(record[key])) report(file, where, `${key} must be text`);
    if (![null, 'F', 'M'].includes(record.targetSex)) report(file, where, 'targetSex must be null, "F" or "M"');
    if (typeof record.pregnancy !== 'boolean') report(file, where, 'pregnancy must be true or false');
    checkDoses(file, where, record.doses);
  }
  checkUniqueCodes(file, records);
}

// ATC codes at any level: anatomical group (A), therapeutic (A07), pharmacological (A07C),
// chemical (A07CA) or substance (A07CA01). The first letter is one of the 14 anatomical groups.
const ATC_CODE = /^[A-DGHJLMNPRSV]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$/;
const MEDICINE_FORMS = new Set([
  'tablet',
  'dispersible_tablet',
  'sublingual_tablet',
  'gastro_resistant_tablet',
  'capsule',
  'oral_suspension',
  'oral_solution',
  'syrup',
  'powder_oral',
  'injection',
  'inhaler',
  'nebuliser_solution',
  'cream',
  'ointment',
  'lotion',
  'topical_solution',
  'eye_drops',
  'eye_ointment',
  'ear_drops',
  'suppository',
  'vaginal_cream',
  'vaginal_tablet',
  'patch',
  'intrauterine_device',
]);

function checkMedicines(file, records) {
  const presentations = new Set();
  for (const [index, record] of records.entries()) {
    const where = `#${index} ${record.code ?? '?'}`;
    checkKeys(file, where, record, [
      'code',
      'atc',
      'name_es',
      'name_en',
      'form',
      'strength',
      'unit',
      'group_es',
      'chronic',
    ]);
    if (typeof record.code !== 'string' || !/^MED-[0-9]{3}$/.test(record.code))
      report(file, where, 'code must look like MED-001');
    if (typeof record.atc !== 'string' || !ATC_CODE.test(record.atc))
      report(file, where, `ATC code ${record.atc} is malformed`);
    for (const key of ['name_es', 'name_en', 'strength', 'unit', 'group_es']) {
      if (!isText(record[key])) report(file, where, `${key} must be text`);
    }
    if (!MEDICINE_FORMS.has(record.form)) report(file, where, `unknown form ${record.form}`);
    if (typeof record.chronic !== 'boolean') report(file, where, 'chronic must be true or false');
    const presentation = `${record.atc} ${record.form} ${record.strength}`;
    if (presentations.has(presentation)) report(file, where, `same ATC code, form and strength as an earlier item`);
    presentations.add(presentation);
  }
  checkUniqueCodes(file, records);
}

const icd10 = load('icd10/cie10-primary-care.json');
checkIcd10('icd10/cie10-primary-care.json', icd10);
const schedule = load('immunization/schedule.json');
checkSchedule('immunization/schedule.json', schedule);
const medicines = load('medicines/essential-module.json');
checkMedicines('medicines/essential-module.json', medicines);

const subcategories = icd10.filter((record) => record.kind === 'subcategory').length;
console.log(
  `icd10/cie10-primary-care.json: ${icd10.length} codes (${icd10.length - subcategories} categories, ${subcategories} subcategories)`,
);
const doseCount = schedule.reduce((sum, vaccine) => sum + (vaccine.doses?.length ?? 0), 0);
console.log(`immunization/schedule.json: ${schedule.length} vaccines, ${doseCount} doses`);
const chronic = medicines.filter((record) => record.chronic === true).length;
console.log(`medicines/essential-module.json: ${medicines.length} medicines (${chronic} for long-term treatment)`);

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`${problems.length} problem(s) found`);
  process.exit(1);
}
console.log('All reference files passed.');
