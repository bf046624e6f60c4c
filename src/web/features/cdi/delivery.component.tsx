import {
  Badge,
  Button,
  Card,
  Input,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../ui/format';
import { RouterAnchor } from '../../ui/link-components';
import { QueryState } from '../../ui/query-state.component';
import { useDeliveries, usePregnanciesInCare } from './cdi.resource';
import { useServiceSubmit } from './service-submit';

interface DeliveryValues {
  pregnancyId: string;
  mode: 'vaginal' | 'cesarean';
  outcome: 'live' | 'stillbirth';
  weightG: number | '';
  sex: 'F' | 'M' | '';
  firstNames: string;
  lastNames: string;
  [key: string]: unknown;
}

/** What the server is sent: the birth goes on the mother's primary-care record with the delivery. */
function deliveryBody(v: DeliveryValues) {
  const live = v.outcome === 'live';
  return {
    pregnancyId: v.pregnancyId,
    mode: v.mode,
    newborn: {
      outcome: v.outcome,
      weightG: v.weightG === '' ? null : v.weightG,
      sex: live && v.sex ? v.sex : null,
      child: live ? { firstNames: v.firstNames, lastNames: v.lastNames } : null,
    },
  };
}

/** Records a delivery: the mother's pregnancy, how she delivered, and the newborn. */
function DeliveryForm({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const pregnancies = usePregnanciesInCare(facilityId);
  const form = useForm<DeliveryValues>({
    initialValues: {
      pregnancyId: '',
      mode: 'vaginal',
      outcome: 'live',
      weightG: '',
      sex: '',
      firstNames: '',
      lastNames: '',
    },
    validate: {
      pregnancyId: (v) => (v ? null : t('cdi.motherRequired')),
      sex: (v, all) => (all.outcome === 'live' && !v ? t('cdi.sexRequired') : null),
      firstNames: (v, all) => (all.outcome === 'live' && !v.trim() ? t('cdi.namesRequired') : null),
      lastNames: (v, all) => (all.outcome === 'live' && !v.trim() ? t('cdi.namesRequired') : null),
    },
  });
  const { submit, pending } = useServiceSubmit(
    `/api/facilities/${facilityId}/deliveries`,
    form,
    t('cdi.deliverySaved'),
    deliveryBody,
    {
      'newborn.sex': 'sex',
      'newborn.weightG': 'weightG',
      'newborn.child.firstNames': 'firstNames',
      'newborn.child.lastNames': 'lastNames',
      newborn: 'outcome',
    },
  );
  const live = form.values.outcome === 'live';
  return (
    <form onSubmit={submit} noValidate aria-label={t('cdi.newDelivery')}>
      <Stack gap="xs">
        <Select
          label={t('cdi.mother')}
          searchable
          data={(pregnancies.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.person.name} · ${t('cdi.expected', { date: formatDate(p.expectedDelivery, i18n.language) })}`,
          }))}
          nothingFoundMessage={t('cdi.noPregnancies')}
          value={form.values.pregnancyId || null}
          onChange={(v) => form.setFieldValue('pregnancyId', v ?? '')}
          error={form.errors.pregnancyId}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Select
            label={t('cdi.deliveryMode')}
            allowDeselect={false}
            data={(['vaginal', 'cesarean'] as const).map((m) => ({ value: m, label: t(`cdi.deliveryModeNames.${m}`) }))}
            {...form.getInputProps('mode')}
          />
          <Input.Wrapper label={t('cdi.newborn')}>
            <SegmentedControl
              fullWidth
              data={(['live', 'stillbirth'] as const).map((o) => ({
                value: o,
                label: t(`pregnancy.birthOutcomes.${o}`),
              }))}
              {...form.getInputProps('outcome')}
            />
          </Input.Wrapper>
          <NumberInput label={t('cdi.weightG')} min={200} max={7000} step={50} {...form.getInputProps('weightG')} />
          {live && (
            <Select
              label={t('cdi.sex')}
              data={(['F', 'M'] as const).map((s) => ({ value: s, label: t(`person.sexes.${s}`) }))}
              value={form.values.sex || null}
              onChange={(v) => form.setFieldValue('sex', (v ?? '') as DeliveryValues['sex'])}
              error={form.errors.sex}
            />
          )}
          {live && <TextInput label={t('cdi.childFirstNames')} {...form.getInputProps('firstNames')} />}
          {live && <TextInput label={t('cdi.childLastNames')} {...form.getInputProps('lastNames')} />}
        </SimpleGrid>
        <Button type="submit" loading={pending} style={{ alignSelf: 'flex-start' }}>
          {t('cdi.recordDelivery')}
        </Button>
      </Stack>
    </form>
  );
}

/** The delivery room: record a delivery with its birth, and the latest ones. */
export function DeliveryView({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const list = useDeliveries(facilityId);
  return (
    <Stack gap="md">
      <Card withBorder>
        <DeliveryForm facilityId={facilityId} />
      </Card>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('cdi.noDeliveries')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table striped data-testid="delivery-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('cdi.mother')}</Table.Th>
                    <Table.Th>{t('cdi.deliveryMode')}</Table.Th>
                    <Table.Th>{t('cdi.newborn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        {d.mother.name}
                        <Text size="xs" c="dimmed">
                          {formatDateTime(d.deliveredAt, i18n.language)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`cdi.deliveryModeNames.${d.mode}`)}</Table.Td>
                      <Table.Td>
                        {d.birth && (
                          <Badge color={d.birth.outcome === 'live' ? 'green' : 'gray'} mr="xs">
                            {t(`pregnancy.birthOutcomes.${d.birth.outcome}`)}
                          </Badge>
                        )}
                        {d.birth?.child && (
                          <RouterAnchor to="/persons/$personId" params={{ personId: d.birth.child.id }} size="sm">
                            {d.birth.child.name}
                          </RouterAnchor>
                        )}
                        {d.birth?.weightG && (
                          <Text size="xs" c="dimmed">
                            {t('cdi.grams', { weight: d.birth.weightG })}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Stack>
  );
}
