import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  adjustmentBody,
  approverSchema,
  availabilitySchema,
  countBody,
  countSchema,
  differenceSchema,
  dispenseBody,
  dispensingSchema,
  medicineSchema,
  movementsSchema,
  queueSchema,
  receiptBody,
  stockSchema,
  territoryFiguresSchema,
  transferBody,
  transferSchema,
  transfersSchema,
} from '../../../modules/medicines/stock.schema';
import { api } from '../../app/api-client';
import { useMe } from '../auth/session.resource';

export type Medicine = z.infer<typeof medicineSchema>;
export type Stock = z.infer<typeof stockSchema>;
export type StockItem = Stock['items'][number];
export type Queue = z.infer<typeof queueSchema>;
export type QueueItem = Queue['items'][number];
export type Transfer = z.infer<typeof transferSchema>;
export type DifferenceReport = z.infer<typeof differenceSchema>;
export type TerritoryFigures = z.infer<typeof territoryFiguresSchema>;
export type Availability = z.infer<typeof availabilitySchema>;

const facility = (id: string) => `/api/medicines/facilities/${encodeURIComponent(id)}`;

/** Query keys of the medicines screens, so that a write refreshes what it changed. */
export const medicinesKeys = {
  all: ['medicines'] as const,
  catalog: ['medicines', 'catalog'] as const,
  facility: (id: string) => ['medicines', 'facility', id] as const,
  stock: (id: string) => ['medicines', 'facility', id, 'stock'] as const,
  queue: (id: string) => ['medicines', 'facility', id, 'queue'] as const,
  transfers: (id: string) => ['medicines', 'facility', id, 'transfers'] as const,
  approvers: (id: string) => ['medicines', 'facility', id, 'approvers'] as const,
  availability: (id: string) => ['medicines', 'facility', id, 'availability'] as const,
  differences: (q: object) => ['medicines', 'differences', q] as const,
  figures: (q: object) => ['medicines', 'figures', q] as const,
};

/** The facilities whose stock the user keeps: those of their facility roles. */
export function useStockFacilities(): { id: string; name: string }[] {
  const me = useMe();
  const seen = new Map<string, string>();
  for (const r of me.roles) {
    if (r.facilityId && ['pharmacist', 'facility_clinician', 'nurse'].includes(r.role))
      seen.set(r.facilityId, r.facilityName ?? r.facilityId);
  }
  return [...seen.entries()].map(([id, name]) => ({ id, name }));
}

export function useCatalog() {
  return useQuery({
    queryKey: medicinesKeys.catalog,
    queryFn: ({ signal }) => api<{ items: Medicine[] }>('/api/medicines/catalog', { signal }),
    staleTime: Infinity,
  });
}

export function useStock(facilityId: string) {
  return useQuery({
    enabled: facilityId !== '',
    queryKey: medicinesKeys.stock(facilityId),
    queryFn: ({ signal }) => api<Stock>(`${facility(facilityId)}/stock`, { signal }),
  });
}

export function useQueue(facilityId: string) {
  return useQuery({
    enabled: facilityId !== '',
    queryKey: medicinesKeys.queue(facilityId),
    queryFn: ({ signal }) => api<Queue>(`${facility(facilityId)}/queue`, { signal }),
  });
}

export function useTransfers(facilityId: string) {
  return useQuery({
    enabled: facilityId !== '',
    queryKey: medicinesKeys.transfers(facilityId),
    queryFn: ({ signal }) => api<z.infer<typeof transfersSchema>>(`${facility(facilityId)}/transfers`, { signal }),
  });
}

export function useApprovers(facilityId: string) {
  return useQuery({
    enabled: facilityId !== '',
    queryKey: medicinesKeys.approvers(facilityId),
    queryFn: ({ signal }) => api<z.infer<typeof approverSchema>>(`${facility(facilityId)}/approvers`, { signal }),
  });
}

export function useAvailability(facilityId: string | null) {
  return useQuery({
    enabled: !!facilityId,
    queryKey: medicinesKeys.availability(facilityId ?? ''),
    queryFn: ({ signal }) => api<Availability>(`${facility(facilityId!)}/availability`, { signal }),
    staleTime: 60_000,
  });
}

export function useDifferences(query: { facilityId?: string; territory?: string; from: string; to: string }) {
  return useQuery({
    enabled: !!(query.facilityId || query.territory),
    queryKey: medicinesKeys.differences(query),
    queryFn: ({ signal }) => api<DifferenceReport>('/api/medicines/differences', { query, signal }),
  });
}

export function useTerritoryFigures(query: { territory: string; days: number }) {
  return useQuery({
    enabled: query.territory !== '',
    queryKey: medicinesKeys.figures(query),
    queryFn: ({ signal }) => api<TerritoryFigures>('/api/medicines/figures', { query, signal }),
  });
}

/** A write to the stock; afterwards every medicines screen reads again. */
function useStockWrite<Body, Result>(send: (body: Body) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: medicinesKeys.all }),
  });
}

export const useReceive = () =>
  useStockWrite((body: z.input<typeof receiptBody>) =>
    api<z.infer<typeof movementsSchema>>('/api/medicines/receipts', { method: 'POST', body }),
  );

export const useAdjust = () =>
  useStockWrite((body: z.input<typeof adjustmentBody>) => api('/api/medicines/adjustments', { method: 'POST', body }));

export const useDispense = (facilityId: string) =>
  useStockWrite(({ prescriptionId, ...body }: z.input<typeof dispenseBody> & { prescriptionId: string }) =>
    api<z.infer<typeof dispensingSchema>>(
      `${facility(facilityId)}/prescriptions/${encodeURIComponent(prescriptionId)}/dispensing`,
      { method: 'POST', body },
    ),
  );

export const useSendTransfer = () =>
  useStockWrite((body: z.input<typeof transferBody>) =>
    api<Transfer>('/api/medicines/transfers', { method: 'POST', body }),
  );

export const useSettleTransfer = () =>
  useStockWrite(({ id, lost }: { id: string; lost: string | null }) =>
    lost
      ? api<Transfer>(`/api/medicines/transfers/${id}/loss`, { method: 'POST', body: { reason: lost } })
      : api<Transfer>(`/api/medicines/transfers/${id}/receipt`, { method: 'POST', body: {} }),
  );

export const useRecordCount = () =>
  useStockWrite((body: z.input<typeof countBody>) =>
    api<z.infer<typeof countSchema>>('/api/medicines/counts', { method: 'POST', body }),
  );

/** A medicine's name as the person reads it, in their language. */
export function medicineName(m: { nameEs: string; nameEn: string; strength: string }, language: string): string {
  return `${language.startsWith('en') ? m.nameEn : m.nameEs} ${m.strength}`;
}
