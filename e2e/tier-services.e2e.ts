import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bornYearsAgo, daysFromToday, seedHousehold } from '../src/modules/care/care.test-support';
import { loginAs } from '../src/test/http';
import { seedAsic, seedFacilities } from './support/seed';
import {
  choose,
  DESKTOP,
  logIn,
  openPage,
  PHONE,
  seedPerson,
  snapshot,
  startJourney,
  switchLanguage,
  type Journey,
} from './support/journey';

const CDI_SERVICES = [
  'EMERGENCY_ROOM',
  'LIFE_SUPPORT',
  'INTERNAL_MEDICINE_WARD',
  'OBSTETRICS_DELIVERY',
  'CLINICAL_LABORATORY',
  'ELECTROCARDIOGRAPHY',
];

/** The links of the care section of the menu, in order. */
async function careMenu(page: Page) {
  return page.getByRole('navigation', { name: 'Atención' }).getByRole('link').allTextContents();
}

/** The CDI's emergency room, as its doctor opens it. */
async function openEmergencyRoom(journey: Journey, viewport: typeof DESKTOP) {
  const cdi = await openPage(journey, viewport);
  await logIn(cdi, 'rafael.cdi');
  await cdi.waitForURL('**/network');
  await cdi.goto('/services');
  await cdi.getByRole('tab', { name: 'Cuerpo de guardia' }).click();
  return cdi;
}

describe("the CDI's own screens, and exams ordered from the post", () => {
  let journey: Journey;
  let ramon: string;

  beforeAll(async () => {
    journey = await startJourney();
    const db = journey.ctx.storage.db;
    const admin = await seedPerson(journey, 'ana.admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
    const asicId = await seedAsic(db, admin, 'ASIC-PROPATRIA', 'VE-A-01-22');
    const [postId, cdiId, hospitalId] = await seedFacilities(db, admin, [
      {
        code: 'DC-CP-0511',
        name: 'Consultorio Popular Propatria',
        kind: 'consultorio_popular',
        parishCode: 'VE-A-01-22',
        status: 'operating',
        asicId,
      },
      {
        code: 'DC-CDI-0051',
        name: 'CDI Propatria',
        kind: 'cdi',
        parishCode: 'VE-A-01-22',
        status: 'operating',
        services: CDI_SERVICES,
        bedsWard: 6,
        asicId,
      },
      {
        code: 'DC-HOS-0001',
        name: 'Hospital General del Oeste',
        kind: 'hospital',
        parishCode: 'VE-A-01-22',
        status: 'operating',
        services: ['SPECIALIST_CONSULTATIONS', 'INTERNAL_MEDICINE_WARD', 'INTENSIVE_CARE'],
        bedsWard: 40,
        bedsIcu: 6,
      },
    ]);
    await seedPerson(journey, 'carmen.medica', [{ role: 'facility_clinician', facilityId: postId! }]);
    await seedPerson(journey, 'rafael.cdi', [{ role: 'facility_clinician', facilityId: cdiId! }]);
    await seedPerson(journey, 'luis.hospital', [{ role: 'facility_clinician', facilityId: hospitalId! }]);
    await seedPerson(journey, 'coord.capital', [{ role: 'territory_coordinator', territoryCode: 'VE-A' }]);
    const household = await seedHousehold(journey.ctx, postId!, [
      { firstNames: 'Ramón', lastNames: 'Guerrero', sex: 'M', birthDate: bornYearsAgo(61) },
      { firstNames: 'Elena', lastNames: 'Guerrero', sex: 'F', birthDate: bornYearsAgo(57) },
      { firstNames: 'Yusmary', lastNames: 'Guerrero', sex: 'F', birthDate: bornYearsAgo(24) },
    ]);
    ramon = household.personIds[0]!;
    // Yusmary's pregnancy, followed at the post, near term; she is referred to the CDI to deliver.
    const doctor = await loginAs(journey.ctx.app, 'carmen.medica');
    const pregnancy = await doctor.post(`/api/persons/${household.personIds[2]}/pregnancies`, {
      lastMenstrualPeriod: daysFromToday(-39 * 7),
      risk: 'low',
      riskFactors: [],
    });
    expect(pregnancy.statusCode).toBe(201);
    const referral = await doctor.post(`/api/persons/${household.personIds[2]}/referrals`, {
      toFacilityId: cdiId,
      serviceCode: 'OBSTETRICS_DELIVERY',
      reason: 'Embarazo a término, trabajo de parto',
      icd10Code: 'O80',
      urgency: 'priority',
    });
    expect(referral.statusCode).toBe(201);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('orders an EKG from the post; the CDI reports it; the doctor reads it on the worklist and timeline', async () => {
    const doctor = await openPage(journey, PHONE);
    await logIn(doctor, 'carmen.medica');
    await doctor.waitForURL('**/network');
    await doctor.goto(`/persons/${ramon}`);
    await doctor.getByRole('button', { name: 'Indicar examen' }).click();
    const form = doctor.getByRole('form', { name: 'Indicar examen' });
    expect(await form.getByRole('combobox', { name: 'Dónde se hace' }).inputValue()).toBe('CDI Propatria');
    await choose(doctor, 'Examen', 'Electrocardiograma');
    await form.getByLabel('Indicación').fill('Palpitaciones de una semana');
    await snapshot(doctor, '40-exam-order-post-phone-es');
    await form.getByRole('button', { name: 'Indicar examen' }).click();
    await doctor.getByTestId('timeline').getByText('Electrocardiograma · CDI Propatria').waitFor();

    // At the CDI, the order waits in the exam queue; the CDI writes its result.
    const cdi = await openPage(journey, DESKTOP);
    await logIn(cdi, 'rafael.cdi');
    await cdi.waitForURL('**/network');
    expect(await careMenu(cdi)).toEqual(['Servicios del centro', 'Referencias recibidas']);
    await cdi.getByRole('link', { name: 'Servicios del centro' }).click();
    await cdi.getByRole('tab', { name: 'Exámenes' }).click();
    await cdi.getByTestId('exam-ELECTROCARDIOGRAPHY').getByText('Consultorio Popular Propatria').waitFor();
    await cdi.getByRole('button', { name: 'Escribir resultado' }).click();
    await cdi.getByLabel('Resultado', { exact: true }).fill('Extrasístoles ventriculares aisladas');
    await cdi.getByLabel('Alterado').check();
    await cdi.getByRole('button', { name: 'Guardar resultado' }).click();
    await cdi.getByText('Extrasístoles ventriculares aisladas').waitFor();

    // Back at the post: a result to read, and on Ramón's timeline.
    await doctor.goto('/worklist');
    const results = doctor.getByTestId('worklist-exam_result_to_read');
    await results.getByText('Electrocardiograma · CDI Propatria').waitFor();
    await snapshot(doctor, '41-worklist-exam-result-phone-es');
    await results.getByRole('link', { name: 'Ramón Guerrero' }).click();
    await doctor.getByTestId('timeline').getByText('Extrasístoles ventriculares aisladas').waitFor();
  });

  it('attends a walk-in found by name, who then opens to the CDI, and records a delivery with its newborn', async () => {
    const cdi = await openEmergencyRoom(journey, DESKTOP);
    const emergency = cdi.getByRole('form', { name: 'Nueva atención de emergencia' });
    await choose(cdi, 'Paciente', /Elena Guerrero · .* · Consultorio Popular Propatria/, 'elena gue');
    await emergency.getByLabel('Motivo de consulta').fill('Crisis hipertensiva, cefalea intensa');
    await emergency.getByLabel('Triaje (1–5)').fill('2');
    await snapshot(cdi, '42-walk-in-emergency-es');
    await emergency.getByRole('button', { name: 'Registrar atención' }).click();
    await cdi.getByRole('link', { name: 'Elena Guerrero' }).click();
    await cdi.getByRole('heading', { name: 'Elena Guerrero', level: 1 }).waitFor();
    // A CDI reads the record of the person it attended, but does not write the post's record.
    expect(await cdi.getByRole('link', { name: 'Referir' }).count()).toBe(0);

    await cdi.goto('/services');
    await cdi.getByRole('tab', { name: 'Partos' }).click();
    await choose(cdi, 'Madre', /Yusmary Guerrero/);
    await choose(cdi, 'Vía del parto', 'Cesárea');
    await cdi.getByLabel('Peso al nacer (g)').fill('3250');
    await choose(cdi, 'Sexo', 'Femenino');
    await cdi.getByLabel('Nombres del recién nacido').fill('Valentina');
    await cdi.getByLabel('Apellidos del recién nacido').fill('Guerrero');
    await cdi.getByRole('button', { name: 'Registrar parto' }).click();
    await cdi.getByTestId('delivery-list').getByRole('link', { name: 'Valentina Guerrero' }).waitFor();
    expect(await cdi.getByTestId('delivery-list').textContent()).toContain('3250 g');
    await snapshot(cdi, '43-cdi-deliveries-es');
  });

  it('registers a man brought in with no record when the search finds nobody, and attends him at once', async () => {
    const cdi = await openEmergencyRoom(journey, DESKTOP);
    const patient = cdi.getByRole('combobox', { name: 'Paciente' });
    await patient.click();
    await patient.fill('yeferson quintero');
    await cdi.getByText('Nadie con esa cédula o nombre en el ASIC').waitFor();
    await snapshot(cdi, '45-walk-in-nobody-found-es');
    await cdi.getByRole('button', { name: 'Registrar persona sin registro' }).click();

    // The form starts from what was searched; nobody knows his birth date or where he lives exactly.
    const form = cdi.getByRole('form', { name: 'Registrar persona sin registro' });
    expect(await form.getByLabel('Nombres').inputValue()).toBe('Yeferson');
    expect(await form.getByLabel('Apellidos').inputValue()).toBe('Quintero');
    await form.getByLabel('Masculino').check();
    await form.getByText('Edad estimada', { exact: true }).click();
    await form.getByLabel('Edad estimada (años)').fill('35');
    await choose(cdi, 'Parroquia', /Sucre \(Catia\)/, 'catia');
    await form.getByLabel('Dirección').fill('Traído por vecinos desde la redoma de Propatria');
    await snapshot(cdi, '46-walk-in-register-es');
    await form.getByRole('button', { name: 'Registrar y atender' }).click();

    // Straight on to the attention, with him chosen as the patient.
    const emergency = cdi.getByRole('form', { name: 'Nueva atención de emergencia' });
    await emergency.getByText('Yeferson Quintero quedó registrado/a').waitFor();
    await expect
      .poll(() => cdi.getByRole('combobox', { name: 'Paciente' }).inputValue())
      .toMatch(/^Yeferson Quintero · ~35 años/);
    await emergency.getByLabel('Motivo de consulta').fill('Herida cortante en antebrazo izquierdo');
    await emergency.getByLabel('Triaje (1–5)').fill('3');
    await snapshot(cdi, '47-walk-in-attend-es');
    await emergency.getByRole('button', { name: 'Registrar atención' }).click();
    await cdi.getByRole('link', { name: 'Yeferson Quintero' }).click();

    // His record belongs to the CDI: an estimated birth date and a household nobody surveyed.
    await cdi.getByRole('heading', { name: 'Yeferson Quintero', level: 1 }).waitFor();
    await cdi.getByText(/\(estimada\)/).waitFor();
    await cdi.getByTestId('conditions-not-surveyed').getByText('Sin encuestar').waitFor();
    expect(await cdi.getByRole('link', { name: 'Visita al hogar' }).count()).toBe(0);
    const notice = cdi.getByRole('alert').filter({ hasText: 'Atención registrada' });
    await notice.getByRole('button').click();
    await notice.waitFor({ state: 'detached' });
    await snapshot(cdi, '48-walk-in-record-es');

    // The household the centre holds for him, in English: nobody surveyed how he lives.
    await cdi.getByRole('link', { name: 'Traído por vecinos desde la redoma de Propatria' }).first().click();
    await switchLanguage(cdi, 'EN');
    await cdi.reload();
    await cdi.getByTestId('conditions-not-surveyed').getByText('Not surveyed').waitFor();
    await cdi.getByText(/\(estimated\)/).waitFor();
    expect(await cdi.getByRole('link', { name: 'Home visit' }).count()).toBe(0);
    await snapshot(cdi, '49-walk-in-household-en');
  });

  it('warns when the person registered may be someone of the ASIC, who can be attended instead', async () => {
    const cdi = await openEmergencyRoom(journey, PHONE);
    const patient = cdi.getByRole('combobox', { name: 'Paciente' });
    await patient.click();
    await patient.fill('ramon gerrero');
    await cdi.getByRole('button', { name: 'Registrar persona sin registro' }).click();
    const form = cdi.getByRole('form', { name: 'Registrar persona sin registro' });
    await form.getByLabel('Masculino').check();
    await form.getByRole('textbox', { name: 'Fecha de nacimiento' }).fill(bornYearsAgo(61));
    await form.getByRole('button', { name: 'Registrar y atender' }).click();
    const duplicates = cdi.getByTestId('walk-in-duplicates');
    await duplicates.getByText(/Ramón Guerrero · .* · Consultorio Popular Propatria/).waitFor();
    await cdi.evaluate(() => window.scrollTo(0, 0));
    await snapshot(cdi, '50-walk-in-possible-duplicate-phone-es');
    await duplicates.getByRole('button', { name: 'Atender a Ramón Guerrero' }).click();
    await expect.poll(() => cdi.getByRole('combobox', { name: 'Paciente' }).inputValue()).toMatch(/^Ramón Guerrero · /);
  });

  it("shows a hospital's staff their centre's screens, and the figures name exams in English", async () => {
    const hospital = await openPage(journey, PHONE);
    await logIn(hospital, 'luis.hospital');
    await hospital.waitForURL('**/network');
    await hospital.getByRole('button', { name: 'Abrir el menú' }).click();
    expect(await careMenu(hospital)).toEqual(['Servicios del centro', 'Referencias recibidas']);
    await hospital.getByRole('link', { name: 'Servicios del centro' }).click();
    await hospital.getByTestId('bed-board').waitFor();

    const coordinator = await openPage(journey, DESKTOP);
    await logIn(coordinator, 'coord.capital');
    await coordinator.waitForURL('**/network');
    await coordinator.goto('/referrals/figures');
    await coordinator.getByRole('heading', { name: 'Referencias y servicios de los niveles II–IV' }).waitFor();
    expect(await coordinator.getByTestId('exam-figures').textContent()).toContain('Electrocardiograma');
    await switchLanguage(coordinator, 'EN');
    await coordinator.getByRole('heading', { name: 'Referrals and tier II–IV services' }).waitFor();
    await coordinator.getByTestId('exam-figures').getByText('Electrocardiography (EKG)').waitFor();
    expect(await coordinator.getByTestId('surgery-figures').textContent()).toContain('Caesarean');
    await snapshot(coordinator, '44-referral-figures-en');
  });
});
