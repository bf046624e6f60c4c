import { Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../ui/format';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { useMe } from '../auth/session.resource';
import { useServiceName } from '../facilities/service-names';
import { useReferralFigures, type ReferralFigures } from './referrals.resource';

function Stat({ label, value, testId, color }: { label: string; value: ReactNode; testId: string; color?: string }) {
  return (
    <Card withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId} c={color}>
        {value}
      </Text>
    </Card>
  );
}

/** Tiers are named I–IV in the network's own documents (DESIGN §1). */
const ROMAN: Record<number, string> = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV' };

type Counts = Omit<ReferralFigures['referrals']['byTier'][number], 'tier'>;

function CountsTable({ rows, first }: { rows: (Counts & { label: string })[]; first: string }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{first}</Table.Th>
            {(['sent', 'received', 'refused', 'expired', 'completed', 'median'] as const).map((c) => (
              <Table.Th key={c} ta="right">
                {t(`referralFigures.columns.${c}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.label}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td ta="right">{n(r.sent)}</Table.Td>
              <Table.Td ta="right">{n(r.received)}</Table.Td>
              <Table.Td ta="right">{n(r.refused)}</Table.Td>
              <Table.Td ta="right">{n(r.expired)}</Table.Td>
              <Table.Td ta="right">{n(r.completed)}</Table.Td>
              <Table.Td ta="right">{r.medianDaysToAttention ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Pairs({ rows, testId }: { rows: { label: string; value: string }[]; testId: string }) {
  const { t } = useTranslation();
  if (rows.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('referralFigures.none')}
      </Text>
    );
  return (
    <Stack gap={2} data-testid={testId}>
      {rows.map((r) => (
        <Group key={r.label} justify="space-between">
          <Text size="sm">{r.label}</Text>
          <Text size="sm" fw={600}>
            {r.value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The coordinator's referral figures for their territory over the last year. */
export function ReferralFiguresPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const territory = me.roles.find((r) => !r.facilityId)?.territoryCode ?? 'VE';
  const figures = useReferralFigures(territory);
  const serviceName = useServiceName();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <QueryState query={figures}>
      {(f) => (
        <Stack gap="md">
          <PageHeader
            title={t('referralFigures.title')}
            subtitle={`${f.territory.name} · ${formatDate(f.from, i18n.language)} – ${formatDate(f.to, i18n.language)}`}
          />
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
            <Stat label={t('referralFigures.columns.sent')} value={n(f.referrals.sent)} testId="figure-sent" />
            <Stat
              label={t('referralFigures.columns.received')}
              value={n(f.referrals.received)}
              testId="figure-received"
            />
            <Stat
              label={t('referralFigures.columns.refused')}
              value={n(f.referrals.refused)}
              testId="figure-refused"
              color="red"
            />
            <Stat
              label={t('referralFigures.columns.expired')}
              value={n(f.referrals.expired)}
              testId="figure-expired"
              color="orange"
            />
            <Stat
              label={t('referralFigures.columns.completed')}
              value={n(f.referrals.completed)}
              testId="figure-completed"
            />
            <Stat
              label={t('referralFigures.columns.median')}
              value={f.referrals.medianDaysToAttention ?? '—'}
              testId="figure-median"
            />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('referralFigures.refusalsOfCare', { count: f.referrals.refusalsOfCare })}
          </Text>
          <Section title={t('referralFigures.byTier')}>
            <CountsTable
              rows={f.referrals.byTier.map((r) => ({
                ...r,
                label: t('referralFigures.tier', { tier: ROMAN[r.tier] ?? r.tier }),
              }))}
              first={t('referralFigures.tierColumn')}
            />
          </Section>
          <Section title={t('referralFigures.byTerritory')}>
            <CountsTable
              rows={f.referrals.byTerritory.map((r) => ({ ...r, label: r.name }))}
              first={t('referralFigures.territoryColumn')}
            />
          </Section>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Section title={t('referralFigures.refusedByReason')}>
              <Pairs
                testId="refused-by-reason"
                rows={f.referrals.refusedByReason.map((r) => ({
                  label: t(`referrals.refusalReasons.${r.reason}`),
                  value: n(r.count),
                }))}
              />
            </Section>
            <Section title={t('referralFigures.beds')}>
              <Pairs
                testId="bed-occupancy"
                rows={f.beds.map((b) => ({
                  label: t(`cdi.units.${b.unit}`),
                  value: `${n(b.occupied)} / ${n(b.beds)} (${Math.round(b.occupancy * 100)} %)`,
                }))}
              />
            </Section>
            <Section title={t('referralFigures.emergencies')}>
              <Pairs
                testId="emergency-figures"
                rows={[
                  { label: t('referralFigures.attentions'), value: n(f.emergencies.attentions) },
                  { label: t('cdi.lifeSupport'), value: n(f.emergencies.lifeSupport) },
                  { label: t('referralFigures.livesSaved'), value: n(f.emergencies.livesSaved) },
                  { label: t('referralFigures.died'), value: n(f.emergencies.died) },
                ]}
              />
              <Text size="xs" c="dimmed" mt="xs">
                {t('referralFigures.livesSavedDefinition')}
              </Text>
            </Section>
            <Section title={t('referralFigures.surgeriesAndDeliveries')}>
              <Pairs
                testId="surgery-figures"
                rows={[
                  ...f.surgeries.map((s) => ({ label: t(`cdi.surgeryKinds.${s.kind}`), value: n(s.count) })),
                  ...f.deliveries.map((d) => ({ label: t(`cdi.deliveryModes.${d.mode}`), value: n(d.count) })),
                ]}
              />
            </Section>
            <Section title={t('referralFigures.exams')}>
              <Pairs
                testId="exam-figures"
                rows={f.exams.map((e) => ({
                  label: serviceName(e.code, e.name),
                  value: `${n(e.reported)} / ${n(e.ordered)}`,
                }))}
              />
            </Section>
            <Section title={t('referralFigures.rehab')}>
              <Pairs
                testId="rehab-figures"
                rows={f.rehabSessions.map((s) => ({
                  label: serviceName(s.modality, s.name),
                  value: `${n(s.attended)} ✓ · ${n(s.missed)} ✗`,
                }))}
              />
            </Section>
          </SimpleGrid>
        </Stack>
      )}
    </QueryState>
  );
}
