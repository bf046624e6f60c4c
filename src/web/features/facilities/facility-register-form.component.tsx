import {
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { INITIAL_STATUSES } from '../../../modules/facilities/facility.rules';
import { accentInsensitiveFilter } from '../../ui/accent-insensitive-filter';
import { todayInCaracas } from '../../ui/format';
import { RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { useTerritory } from '../network/territory.resource';
import { serviceName, useKindOptions, type FacilityKind } from './facility-labels';
import { useRegisterFacility, useServiceCatalog, type RegisterFacilityRequest } from './facility.resource';
import { ParishPicker } from './parish-picker.component';
import { facilityRegisterValidation, initialRegisterValues, type RegisterValues } from './facility-register.validation';

const FIELDS = Object.keys(initialRegisterValues('')) as (keyof RegisterValues)[];

const optionalNumber = (value: number | string) => (value === '' ? null : Number(value));
const optionalText = (value: string) => value.trim() || null;

/** `defaultReason` is written in the history when the person gives none: it is data, in their language. */
function toRequest(values: RegisterValues, defaultReason: string): RegisterFacilityRequest {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    kind: values.kind as FacilityKind,
    stateCode: values.stateCode,
    municipalityCode: values.municipalityCode,
    parishCode: values.parishCode,
    sectorId: values.sectorId || null,
    asicId: values.asicId || null,
    address: optionalText(values.address),
    phone: optionalText(values.phone),
    services: values.services,
    bedsWard: Number(values.bedsWard || 0),
    bedsIcu: Number(values.bedsIcu || 0),
    targetFamilies: optionalNumber(values.targetFamilies),
    targetPopulation: optionalNumber(values.targetPopulation),
    status: values.status,
    statusDate: values.statusDate,
    reason: values.reason.trim() || defaultReason,
  };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder p={{ base: 'sm', sm: 'md' }} component="fieldset" style={{ margin: 0, minWidth: 0 }}>
      <Title order={2} size="h4" mb="sm" component="legend" style={{ float: 'left', width: '100%', padding: 0 }}>
        {title}
      </Title>
      <Stack gap="sm" style={{ clear: 'both' }}>
        {children}
      </Stack>
    </Card>
  );
}

/** Registers a facility of any tier: what it is, where, what it offers, its beds and its first status. */
export function FacilityRegisterPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const register = useRegisterFacility();
  const catalog = useServiceCatalog();
  const today = todayInCaracas();
  const form = useForm<RegisterValues>({
    initialValues: initialRegisterValues(today),
    validate: facilityRegisterValidation(t, today),
  });
  const { values } = form;
  const parish = useTerritory(values.parishCode || null);
  const municipality = useTerritory(values.municipalityCode || null);
  const kindOptions = useKindOptions();
  const separators =
    i18n.language === 'en'
      ? { thousandSeparator: ',', decimalSeparator: '.' }
      : { thousandSeparator: '.', decimalSeparator: ',' };

  // Services that fit the chosen kind, plus any already chosen, named in the interface language.
  const serviceOptions = (catalog.data ?? [])
    .filter((service) => !values.kind || service.kinds.includes(values.kind) || values.services.includes(service.code))
    .reduce<{ group: string; items: { value: string; label: string }[] }[]>((groups, service) => {
      const group = t(`serviceArea.${service.area}`);
      const item = { value: service.code, label: serviceName(service, i18n.language) };
      const existing = groups.find((g) => g.group === group);
      if (existing) existing.items.push(item);
      else groups.push({ group, items: [item] });
      return groups;
    }, []);

  // ASICs in the parish come first; an ASIC of the municipality may cover it too (the server checks).
  const inParish = new Set((parish.data?.asics ?? []).map((a) => a.id));
  const asicItem = (a: { id: string; code: string; name: string }) => ({ value: a.id, label: `${a.name} (${a.code})` });
  const asicOptions = [
    { group: t('register.asicsInParish'), items: (parish.data?.asics ?? []).map(asicItem) },
    {
      group: t('register.asicsInMunicipality'),
      items: (municipality.data?.asics ?? []).filter((a) => !inParish.has(a.id)).map(asicItem),
    },
  ].filter((group) => group.items.length > 0);

  const submit = form.onSubmit(
    (submitted) =>
      register.mutate(toRequest(submitted, t('register.defaultReason')), {
        onSuccess: (facility) => {
          notifications.show({ color: 'green', message: t('register.saved', { name: facility.name }) });
          void navigate({ to: '/facilities/$facilityId', params: { facilityId: facility.id } });
        },
        onError: (error) => showServerErrors(error, form, FIELDS, t),
      }),
    focusFirstInvalidField,
  );

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('register.title')} subtitle={t('register.subtitle')} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Section title={t('register.identity')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label={t('facility.code')}
                description={t('register.codeHint')}
                withAsterisk
                autoComplete="off"
                {...form.getInputProps('code')}
                onChange={(event) => form.setFieldValue('code', event.currentTarget.value.toUpperCase())}
              />
              <TextInput label={t('facility.name')} withAsterisk {...form.getInputProps('name')} />
              <Select
                label={t('facility.kind')}
                withAsterisk
                searchable
                filter={accentInsensitiveFilter}
                data={kindOptions}
                {...form.getInputProps('kind')}
              />
            </SimpleGrid>
          </Section>

          <Section title={t('register.place')}>
            <ParishPicker
              value={{
                stateCode: values.stateCode,
                municipalityCode: values.municipalityCode,
                parishCode: values.parishCode,
              }}
              errors={{
                stateCode: form.errors.stateCode as string,
                municipalityCode: form.errors.municipalityCode as string,
                parishCode: form.errors.parishCode as string,
              }}
              onChange={(place) => {
                form.setValues({ ...place, sectorId: '', asicId: '' });
                form.clearFieldError('parishCode');
              }}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('facility.sector')}
                placeholder={values.parishCode ? t('register.optional') : t('register.chooseParishFirst')}
                disabled={!values.parishCode}
                clearable
                nothingFoundMessage={t('register.noSectors')}
                data={(parish.data?.sectors ?? []).map((s) => ({ value: s.id, label: s.name }))}
                {...form.getInputProps('sectorId')}
              />
              <Select
                label={t('facility.asic')}
                placeholder={values.parishCode ? t('register.optional') : t('register.chooseParishFirst')}
                disabled={!values.parishCode}
                clearable
                searchable
                filter={accentInsensitiveFilter}
                data={asicOptions}
                {...form.getInputProps('asicId')}
              />
              <TextInput label={t('facility.address')} {...form.getInputProps('address')} />
              <TextInput label={t('facility.phone')} type="tel" {...form.getInputProps('phone')} />
            </SimpleGrid>
          </Section>

          <Section title={t('facility.services')}>
            <MultiSelect
              label={t('register.services')}
              description={
                values.kind
                  ? t('register.servicesForKind', { kind: t(`kind.${values.kind}`) })
                  : t('register.servicesHint')
              }
              searchable
              clearable
              hidePickedOptions
              filter={accentInsensitiveFilter}
              data={serviceOptions}
              {...form.getInputProps('services')}
            />
          </Section>

          <Section title={t('facility.capacity')}>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
              <NumberInput label={t('facility.bedsWard')} allowDecimal={false} {...form.getInputProps('bedsWard')} />
              <NumberInput label={t('facility.bedsIcu')} allowDecimal={false} {...form.getInputProps('bedsIcu')} />
              <NumberInput
                label={t('facility.targetFamilies')}
                allowDecimal={false}
                {...separators}
                {...form.getInputProps('targetFamilies')}
              />
              <NumberInput
                label={t('facility.targetPopulation')}
                allowDecimal={false}
                {...separators}
                {...form.getInputProps('targetPopulation')}
              />
            </SimpleGrid>
          </Section>

          <Section title={t('register.initialStatus')}>
            <Radio.Group label={t('facility.status')} {...form.getInputProps('status')}>
              <Group gap="lg" mt={6}>
                {INITIAL_STATUSES.map((status) => (
                  <Radio key={status} value={status} label={t(`status.${status}`)} />
                ))}
              </Group>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                type="date"
                label={t('register.statusDate')}
                max={today}
                {...form.getInputProps('statusDate')}
              />
              <Textarea
                label={t('statusForm.reason')}
                placeholder={t('register.reasonPlaceholder')}
                autosize
                minRows={1}
                maxLength={500}
                {...form.getInputProps('reason')}
              />
            </SimpleGrid>
          </Section>

          <Group justify="flex-end">
            <RouterButton to="/facilities" variant="default">
              {t('common.cancel')}
            </RouterButton>
            <Button type="submit" loading={register.isPending}>
              {t('register.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
