import { Badge, Button, Card, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPENSE_REASONS } from '../../../modules/medicines/stock.rules';
import { formatDate, formatDayOf } from '../../ui/format';
import { QueryState } from '../../ui/query-state.component';
import { describeError } from '../../ui/server-errors';
import { useDispense, useQueue, type QueueItem } from './medicines.resource';

/** The units to take for `quantity`, following the first-expiry-first-out proposal. */
function takeFromProposal(item: QueueItem, quantity: number) {
  const lines = [];
  let left = quantity;
  for (const p of item.proposal) {
    if (left <= 0) break;
    const take = Math.min(left, p.quantity);
    lines.push({ lotId: p.lotId, quantity: take });
    left -= take;
  }
  return lines;
}

/** Prescriptions waiting at this facility, each dispensed in full, in part, or declined with a reason. */
export function DispensingQueue({ facilityId }: { facilityId: string }) {
  const { t } = useTranslation();
  const queue = useQueue(facilityId);
  return (
    <QueryState query={queue}>
      {(data) =>
        data.items.length === 0 ? (
          <Text c="dimmed">{t('medicines.queueEmpty')}</Text>
        ) : (
          <Stack gap="sm" maw={860}>
            {data.items.map((item) => (
              <QueueCard key={item.prescriptionId} item={item} facilityId={facilityId} />
            ))}
          </Stack>
        )
      }
    </QueryState>
  );
}

function QueueCard({ item, facilityId }: { item: QueueItem; facilityId: string }) {
  const { t, i18n } = useTranslation();
  const dispense = useDispense(facilityId);
  const available = item.proposal.reduce((n, p) => n + p.quantity, 0);
  const [mode, setMode] = useState<'none' | 'partial' | 'decline'>('none');
  const [quantity, setQuantity] = useState<number | string>(Math.min(available, item.quantity - 1) || 1);
  const [reason, setReason] = useState<string | null>(
    item.medicineCode === null ? 'not_in_module' : available === 0 ? 'out_of_stock' : 'insufficient_stock',
  );
  const [error, setError] = useState<string | null>(null);

  // Not mutate's own callbacks: the queue refetched after a dispensing drops this card, and
  // callbacks of an unmounted card never run, so the confirmation would sometimes not show.
  const send = (lines: { lotId: string; quantity: number }[], why: string | null) => {
    setError(null);
    dispense
      .mutateAsync({
        prescriptionId: item.prescriptionId,
        lines,
        ...(why ? { reason: why as (typeof DISPENSE_REASONS)[number] } : {}),
      })
      .then(
        (result) => notifications.show({ color: 'green', message: t(`medicines.dispensed.${result.outcome}`) }),
        (e: unknown) => {
          const { title, detail } = describeError(e, t);
          setError(detail && detail !== title ? `${title}: ${detail}` : title);
        },
      );
  };
  const reasons = DISPENSE_REASONS.map((r) => ({ value: r, label: t(`medicines.dispenseReasons.${r}`) }));

  return (
    <Card withBorder p="sm" data-testid="queue-item">
      <Group justify="space-between" align="flex-start" gap="xs">
        <div>
          <Text fw={700}>{item.personName}</Text>
          <Text size="xs" c="dimmed">
            {item.facilityName} · {formatDayOf(item.prescribedAt, i18n.language)}
          </Text>
        </div>
        {item.medicineCode === null ? (
          <Badge color="gray">{t('medicines.notInModule')}</Badge>
        ) : item.onHand >= item.quantity ? (
          <Badge color="teal">{t('medicines.available', { count: item.onHand })}</Badge>
        ) : (
          <Badge color="red">{t('medicines.short', { count: item.onHand })}</Badge>
        )}
      </Group>
      <Text mt={4}>
        <Text span fw={600}>
          {item.medicine}
        </Text>{' '}
        · {item.dose} · {item.frequency} ·{' '}
        <Text span fw={600}>
          {t('medicines.units', { count: item.quantity })}
        </Text>
      </Text>
      {item.proposal.length > 0 && (
        <Text size="sm" c="dimmed" mt={4}>
          {t('medicines.fefo')}:{' '}
          {item.proposal.map((p) => `${p.lot} (${formatDate(p.expiresOn, i18n.language)}) × ${p.quantity}`).join(', ')}
        </Text>
      )}
      {mode === 'partial' && (
        <Group mt="xs" align="flex-end" gap="xs">
          <NumberInput
            label={t('medicines.quantityGiven')}
            min={1}
            max={Math.max(1, Math.min(available, item.quantity - 1))}
            allowDecimal={false}
            value={quantity}
            onChange={setQuantity}
            w={140}
          />
          <Select label={t('medicines.reason')} data={reasons} value={reason} onChange={setReason} w={260} />
          <Button onClick={() => send(takeFromProposal(item, Number(quantity)), reason)} loading={dispense.isPending}>
            {t('medicines.confirmPartial')}
          </Button>
        </Group>
      )}
      {mode === 'decline' && (
        <Group mt="xs" align="flex-end" gap="xs">
          <Select label={t('medicines.reason')} data={reasons} value={reason} onChange={setReason} w={260} />
          <Button color="red" onClick={() => send([], reason)} loading={dispense.isPending}>
            {t('medicines.confirmDecline')}
          </Button>
        </Group>
      )}
      {error && (
        <Text c="red" size="sm" mt={4} role="alert">
          {error}
        </Text>
      )}
      <Group mt="xs" gap="xs">
        <Button
          size="xs"
          disabled={available < item.quantity}
          onClick={() => send(takeFromProposal(item, item.quantity), null)}
          loading={dispense.isPending && mode === 'none'}
        >
          {t('medicines.dispenseFull')}
        </Button>
        <Button size="xs" variant="light" disabled={available === 0} onClick={() => setMode('partial')}>
          {t('medicines.dispensePartial')}
        </Button>
        <Button size="xs" variant="light" color="red" onClick={() => setMode('decline')}>
          {t('medicines.decline')}
        </Button>
      </Group>
    </Card>
  );
}
