import { Select, Tabs } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../auth/session.resource';
import { AdjustForm } from './adjust-form.component';
import { CountForm } from './count-form.component';
import { FamilyPackages } from './family-packages.component';
import { DifferenceReportView } from './difference-report.component';
import { DispensingQueue } from './dispensing-queue.component';
import { useStock, useStockFacilities } from './medicines.resource';
import type { MedicinesView } from './medicines-views';
import { ReceiveForm } from './receive-form.component';
import { StockTable } from './stock-table.component';
import { TerritoryAvailability } from './territory-availability.component';
import { TransferPanel } from './transfer-panel.component';
import { PageHeader } from '../../ui/page-header.component';

/** The views a keeper of stock works in; coordinators and auditors see the territory and its differences. */
const KEEPER_VIEWS: MedicinesView[] = [
  'stock',
  'queue',
  'receive',
  'transfers',
  'adjust',
  'count',
  'differences',
  'packages',
];
const OVERSEER_VIEWS: MedicinesView[] = ['territory', 'differences'];

/** The medicines module: one screen per task, over the facility whose stock the user keeps. */
export function MedicinesPage({ view, facilityId }: { view: MedicinesView; facilityId: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const facilities = useStockFacilities();
  const keeps = usePermission('medicines.write');
  const oversees = usePermission('medicines.oversee');
  const current = facilityId ?? facilities[0]?.id ?? '';
  // A coordinator opens one facility of the territory from its figures: its shelf and its differences, read only.
  const inspecting = !keeps && oversees && !!facilityId;
  const stock = useStock(keeps || inspecting ? current : '').data;
  // Family packages are prepared at a post, for its households.
  const isPost = stock?.facility.kind === 'consultorio_popular' || stock?.facility.kind === 'clinica_popular';
  const views = [
    ...new Set([
      ...(keeps ? KEEPER_VIEWS : []),
      ...(inspecting ? (['stock'] as const) : []),
      ...(oversees ? OVERSEER_VIEWS : []),
    ]),
  ].filter((v) => v !== 'packages' || isPost);
  const go = (next: { view?: MedicinesView; facilityId?: string }) =>
    void navigate({
      to: '/medicines/$view',
      params: { view: next.view ?? view },
      search: (next.facilityId ?? facilityId) ? { facilityId: next.facilityId ?? facilityId } : {},
    });
  const facilityName =
    facilities.find((f) => f.id === current)?.name ?? (inspecting ? stock?.facility.name : undefined);

  const body: Record<MedicinesView, ReactNode> = {
    stock: <StockTable facilityId={current} />,
    queue: <DispensingQueue facilityId={current} />,
    receive: <ReceiveForm facilityId={current} onDone={() => go({ view: 'stock' })} />,
    transfers: <TransferPanel facilityId={current} />,
    adjust: <AdjustForm facilityId={current} onDone={() => go({ view: 'differences' })} />,
    packages: <FamilyPackages facilityId={current} />,
    count: <CountForm facilityId={current} onDone={() => go({ view: 'differences' })} />,
    differences: <DifferenceReportView facilityId={keeps || inspecting ? current : undefined} />,
    territory: <TerritoryAvailability />,
  };

  return (
    <>
      <PageHeader
        title={t(`medicines.views.${view}`)}
        subtitle={view === 'territory' || !facilityName ? t('medicines.title') : facilityName}
        actions={
          facilities.length > 1 ? (
            <Select
              aria-label={t('medicines.facility')}
              data={facilities.map((f) => ({ value: f.id, label: f.name }))}
              value={current}
              onChange={(value) => value && go({ facilityId: value })}
              allowDeselect={false}
            />
          ) : undefined
        }
      />
      <Tabs
        value={view}
        onChange={(value) => value && go({ view: value as MedicinesView })}
        mb="md"
        keepMounted={false}
      >
        <Tabs.List style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
          {views.map((v) => (
            <Tabs.Tab key={v} value={v}>
              {t(`medicines.tabs.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {body[view]}
    </>
  );
}
