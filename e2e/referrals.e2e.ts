import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bornYearsAgo, seedHousehold } from '../src/modules/care/care.test-support';
import { loginAs } from '../src/test/http';
import { seedFacilities } from './support/seed';
import { choose, DESKTOP, logIn, openPage, seedPerson, snapshot, startJourney, type Journey } from './support/journey';

const CDI_SERVICES = [
  'EMERGENCY_ROOM',
  'LIFE_SUPPORT',
  'INTENSIVE_CARE',
  'INTERNAL_MEDICINE_WARD',
  'CLINICAL_LABORATORY',
  'ULTRASOUND',
  'ELECTROCARDIOGRAPHY',
];

async function openMenu(page: Page, name: string) {
  await page.getByRole('link', { name, exact: true }).first().click();
}

describe('a referral up to the CDI and back', () => {
  let journey: Journey;
  let patient: string;
  let secondReferral: string;

  beforeAll(async () => {
    journey = await startJourney();
    const admin = await seedPerson(journey, 'ana.admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
    const [postId, cdiId] = await seedFacilities(journey.ctx.storage.db, admin, [
      {
        code: 'DC-CP-0511',
        name: 'Consultorio Popular Propatria',
        kind: 'consultorio_popular',
        parishCode: 'VE-A-01-22',
        status: 'operating',
      },
      {
        code: 'DC-CDI-0051',
        name: 'CDI Propatria',
        kind: 'cdi',
        parishCode: 'VE-A-01-22',
        status: 'operating',
        services: CDI_SERVICES,
        bedsWard: 6,
        bedsIcu: 2,
      },
    ]);
    await seedPerson(journey, 'carmen.medica', [{ role: 'facility_clinician', facilityId: postId! }]);
    await seedPerson(journey, 'rafael.cdi', [{ role: 'facility_clinician', facilityId: cdiId! }]);
    await seedPerson(journey, 'coord.capital', [{ role: 'territory_coordinator', territoryCode: 'VE-A' }]);
    const household = await seedHousehold(journey.ctx, postId!, [
      { firstNames: 'Ramón', lastNames: 'Guerrero', sex: 'M', birthDate: bornYearsAgo(61) },
      { firstNames: 'Elena', lastNames: 'Guerrero', sex: 'F', birthDate: bornYearsAgo(57) },
    ]);
    patient = household.personIds[0]!;
    // The second referral, sent through the API as the same doctor: an abdominal ultrasound.
    const doctor = await loginAs(journey.ctx.app, 'carmen.medica');
    const second = await doctor.post(`/api/persons/${household.personIds[1]}/referrals`, {
      toFacilityId: cdiId,
      serviceCode: 'ULTRASOUND',
      reason: 'Dolor en hipocondrio derecho',
      icd10Code: 'R10.4',
      urgency: 'routine',
    });
    secondReferral = second.json().id;
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('refers chest pain to the CDI, which attends, admits, discharges and counter-refers; the doctor closes it', async () => {
    // The family doctor refers Ramón, with chest pain, to the CDI's emergency room.
    const doctor = await openPage(journey, DESKTOP);
    await logIn(doctor, 'carmen.medica');
    await doctor.waitForURL('**/network');
    await doctor.goto(`/persons/${patient}`);
    await doctor.getByRole('link', { name: 'Referir' }).click();
    await doctor.getByRole('heading', { name: 'Nueva referencia' }).waitFor();
    await choose(doctor, 'Referir a (establecimiento)', /CDI Propatria/, 'CDI Prop');
    await choose(doctor, 'Servicio', 'Cuerpo de guardia (emergencia)');
    await doctor.getByLabel('Motivo de la referencia').fill('Dolor torácico opresivo de dos horas, sudoración');
    await choose(doctor, 'Diagnóstico (CIE-10)', /^I20\.0/, 'I20.0');
    await doctor.getByLabel('Emergencia').check();
    await snapshot(doctor, '30-referral-form-es');
    await doctor.getByRole('button', { name: 'Enviar referencia' }).click();
    await doctor.getByRole('heading', { name: 'Referencia de Ramón Guerrero' }).waitFor();
    await doctor.getByText('Enviada', { exact: true }).first().waitFor();

    // At the CDI: the queue, then the referral.
    const cdi = await openPage(journey, DESKTOP);
    await logIn(cdi, 'rafael.cdi');
    await cdi.waitForURL('**/network');
    await openMenu(cdi, 'Referencias recibidas');
    await cdi.getByRole('heading', { name: 'Referencias recibidas' }).waitFor();
    await snapshot(cdi, '31-referral-queue-es');
    await cdi.getByTestId('referrals-received').getByRole('link', { name: 'Ramón Guerrero' }).click();
    await cdi.getByRole('button', { name: 'Aceptar' }).click();
    await cdi.getByText('Aceptada', { exact: true }).first().waitFor();

    // An EKG and a lab test, each with its result.
    for (const [exam, result] of [
      ['Electrocardiograma', 'Ritmo sinusal, sin elevación del ST'],
      ['Laboratorio clínico', 'Troponina negativa'],
    ] as const) {
      await choose(cdi, 'Examen', exam);
      await cdi.getByLabel('Indicación').fill('Dolor torácico');
      await cdi.getByRole('button', { name: 'Indicar examen' }).click();
      await cdi.getByRole('button', { name: 'Escribir resultado' }).click();
      await cdi.getByLabel('Resultado', { exact: true }).fill(result);
      await cdi.getByRole('button', { name: 'Guardar resultado' }).click();
      await cdi.getByText(result).waitFor();
    }

    // Admitted to the ward for observation, then discharged improved.
    await cdi.getByLabel('Motivo del ingreso').fill('Observación de dolor torácico');
    await cdi.getByRole('button', { name: 'Ingresar' }).click();
    await cdi.getByText('Ingresado', { exact: true }).waitFor();
    await snapshot(cdi, '32-referral-at-cdi-es');
    await openMenu(cdi, 'Servicios del centro');
    await cdi.getByTestId('bed-board').getByText('Ramón Guerrero').waitFor();
    expect(await cdi.getByTestId('bed-board').textContent()).toContain('1 de 6 camas ocupadas');
    await snapshot(cdi, '33-bed-board-es');
    await cdi.getByRole('button', { name: 'Dar de alta' }).click();
    await cdi.getByText('Todas las camas libres.').first().waitFor();
    await cdi.goBack();

    await cdi.getByRole('button', { name: 'Marcar atendida' }).click();
    await cdi.getByRole('button', { name: 'Contrarreferir…' }).click();
    await cdi.getByLabel('Hallazgos').fill('Síndrome coronario agudo descartado: EKG y troponina normales');
    await cdi.getByLabel('Tratamiento').fill('Aspirina 100 mg diaria');
    await cdi.getByLabel('Recomendaciones').fill('Prueba de esfuerzo en el CAT; control en su consultorio en 7 días');
    await cdi.getByRole('button', { name: 'Enviar contrarreferencia' }).click();
    await cdi.getByText('Contrarreferida', { exact: true }).first().waitFor();

    // The second referral is refused: the ultrasound is out of order.
    await cdi.goto(`/referrals/${secondReferral}`);
    await cdi.getByRole('button', { name: 'Rechazar…' }).click();
    await choose(cdi, 'Motivo del rechazo', 'Equipo dañado');
    await cdi.getByLabel('Observaciones').fill('Ecógrafo en reparación');
    await cdi.getByRole('button', { name: 'Rechazar la referencia' }).click();
    await cdi.getByText('Rechazada', { exact: true }).first().waitFor();

    // Back at the post, the counter-referral is on the doctor's worklist; she reads it and closes the referral.
    await doctor.goto('/worklist');
    const counter = doctor.getByTestId('worklist-counter_referral_received');
    await counter.getByText('CDI Propatria').waitFor();
    await doctor.getByTestId('worklist-referral_refused').getByText('Elena Guerrero').waitFor();
    await snapshot(doctor, '34-worklist-counter-referral-es');
    await counter.getByRole('link', { name: 'Ramón Guerrero' }).click();
    await doctor
      .getByTestId('counter-referral')
      .getByText(/descartado/)
      .waitFor();
    expect(await doctor.getByTestId('referral-steps').textContent()).toContain('Aspirina 100 mg diaria');
    await doctor.getByRole('button', { name: 'Cerrar la referencia' }).click();
    await doctor.getByText('Cerrada', { exact: true }).first().waitFor();
    await snapshot(doctor, '35-referral-closed-es');

    // The coordinator's figures count the refusal by its reason.
    const coordinator = await openPage(journey, DESKTOP);
    await logIn(coordinator, 'coord.capital');
    await coordinator.waitForURL('**/network');
    await openMenu(coordinator, 'Cifras de referencias');
    await coordinator.getByRole('heading', { name: 'Referencias y servicios de los niveles II–IV' }).waitFor();
    expect(await coordinator.getByTestId('figure-sent').textContent()).toBe('2');
    expect(await coordinator.getByTestId('figure-refused').textContent()).toBe('1');
    expect(await coordinator.getByTestId('figure-completed').textContent()).toBe('1');
    expect(await coordinator.getByTestId('refused-by-reason').textContent()).toContain('Equipo dañado');
    await snapshot(coordinator, '36-referral-figures-es');
  });
});
