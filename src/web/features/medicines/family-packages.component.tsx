import { Badge, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { NOT_DELIVERED_REASONS, quarterOf } from '../../../modules/medicines/stock.rules';
import type { packagesSchema } from '../../../modules/medicines/stock.schema';
import { api } from '../../app/api-client';
import { todayInCaracas } from '../../ui/format';
import { QueryState } from '../../ui/query-state.component';
import { notifyError } from '../../ui/server-errors';
import { medicineName, medicinesKeys, useAvailability, useCatalog } from './medicines.resource';

type Packages = z.infer<typeof packagesSchema>;

/** The quarter's family medicine packages of a post: prepared from its households' needs, then delivered or not, with why. */
export function FamilyPackages({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [quarter, setQuarter] = useState(quarterOf(todayInCaracas()));
  const availability = useAvailability(facilityId);
  const catalog = useCatalog();
  const [supplier, setSupplier] = useState<string | null>(null);
  const key = [...medicinesKeys.facility(facilityId), 'packages', quarter];
  const packages = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api<Packages>('/api/medicines/packages', { query: { postId: facilityId, quarter }, signal }),
    enabled: /^\d{4}-Q[1-4]$/.test(quarter),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: medicinesKeys.all });
  const prepare = useMutation({
    mutationFn: () =>
      api<{ prepared: number }>('/api/medicines/packages', {
        method: 'POST',
        body: { postId: facilityId, quarter, suppliedByFacilityId: supplier ?? facilityId },
      }),
    onSuccess: refresh,
    onError: (error) => notifyError(error, t),
  });
  const settle = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string | null }) =>
      api(`/api/medicines/packages/${id}/outcome`, {
        method: 'POST',
        body: reason ? { delivered: false, reason } : { delivered: true },
      }),
    onSuccess: refresh,
    onError: (error) => notifyError(error, t),
  });
  const names = new Map((catalog.data?.items ?? []).map((m) => [m.code, medicineName(m, i18n.language)]));
  return (
    <Stack gap="sm" maw={900}>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('medicines.quarter')}
          value={quarter}
          onChange={(e) => setQuarter(e.currentTarget.value)}
          w={120}
        />
        <Select
          label={t('medicines.suppliedBy')}
          w={320}
          data={(availability.data?.places ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={supplier ?? facilityId}
          onChange={setSupplier}
          allowDeselect={false}
        />
        <Button onClick={() => prepare.mutate()} loading={prepare.isPending}>
          {t('medicines.preparePackages')}
        </Button>
      </Group>
      <QueryState query={packages}>
        {(data) =>
          data.packages.length === 0 ? (
            <Text c="dimmed">{t('medicines.noPackages')}</Text>
          ) : (
            <Stack gap="xs">
              {data.packages.map((p) => (
                <Card withBorder p="sm" key={p.id} data-testid="family-package">
                  <Group justify="space-between">
                    <Text fw={600}>{p.address ?? t('census.addressUnknown')}</Text>
                    <Badge color={p.status === 'delivered' ? 'teal' : p.status === 'not_delivered' ? 'red' : 'yellow'}>
                      {t(`medicines.packageStatus.${p.status}`)}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {p.items
                      .map(
                        (i) =>
                          `${names.get(i.medicineCode) ?? i.medicineCode} × ${i.quantity} (${t(`medicines.needs.${i.need}`)})`,
                      )
                      .join(' · ')}
                  </Text>
                  {p.notDeliveredReason && (
                    <Text size="sm" c="red">
                      {t(`medicines.notDeliveredReasons.${p.notDeliveredReason}`)}
                    </Text>
                  )}
                  {p.status === 'prepared' && (
                    <Group gap="xs" mt="xs">
                      <Button size="xs" onClick={() => settle.mutate({ id: p.id, reason: null })}>
                        {t('medicines.delivered')}
                      </Button>
                      <Select
                        size="xs"
                        w={220}
                        aria-label={t('medicines.notDelivered')}
                        placeholder={t('medicines.notDelivered')}
                        data={NOT_DELIVERED_REASONS.map((r) => ({
                          value: r,
                          label: t(`medicines.notDeliveredReasons.${r}`),
                        }))}
                        onChange={(reason) => reason && settle.mutate({ id: p.id, reason })}
                      />
                    </Group>
                  )}
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}
