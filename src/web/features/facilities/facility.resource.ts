import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  changeStatusBody,
  facilityDetailSchema,
  facilityPageSchema,
  facilitySummarySchema,
  registerFacilityBody,
  serviceCatalogSchema,
} from '../../../modules/facilities/facility.schema';
import { api } from '../../app/api-client';
import type { FacilitySearch } from './facility-search';

export type FacilityDetail = z.infer<typeof facilityDetailSchema>;
export type FacilitySummary = z.infer<typeof facilitySummarySchema>;
export type FacilityPage = z.infer<typeof facilityPageSchema>;
export type ServiceCatalog = z.infer<typeof serviceCatalogSchema>;
export type RegisterFacilityRequest = z.input<typeof registerFacilityBody>;
export type ChangeStatusRequest = z.input<typeof changeStatusBody>;

export const FACILITY_PAGE_SIZE = 25;

/** Query keys of the facility registry, in one place so that writes know what to refresh. */
export const facilityKeys = {
  all: ['facilities'] as const,
  list: (search: FacilitySearch, pageSize: number) => ['facilities', 'list', search, pageSize] as const,
  detail: (id: string) => ['facilities', 'detail', id] as const,
  catalog: ['catalog', 'services'] as const,
};

export function useFacilities(search: FacilitySearch, pageSize = FACILITY_PAGE_SIZE, enabled = true) {
  return useQuery({
    enabled,
    queryKey: facilityKeys.list(search, pageSize),
    queryFn: ({ signal }) => api<FacilityPage>('/api/facilities', { query: { ...search, pageSize }, signal }),
    // Keep the last page on screen while the next one loads, so paging does not flicker.
    placeholderData: keepPreviousData,
  });
}

export const facilityQueryOptions = (id: string) =>
  queryOptions({
    queryKey: facilityKeys.detail(id),
    queryFn: ({ signal }) => api<FacilityDetail>(`/api/facilities/${encodeURIComponent(id)}`, { signal }),
  });

export function useFacility(id: string) {
  return useQuery(facilityQueryOptions(id));
}

export function useServiceCatalog() {
  return useQuery({
    queryKey: facilityKeys.catalog,
    queryFn: ({ signal }) => api<ServiceCatalog>('/api/catalog/services', { signal }),
    staleTime: Infinity,
  });
}

/** After a write, the facility's page shows the answer at once and lists and counts refresh. */
function useStoreFacility() {
  const queryClient = useQueryClient();
  return (facility: FacilityDetail) => {
    queryClient.setQueryData(facilityKeys.detail(facility.id), facility);
    void queryClient.invalidateQueries({ queryKey: ['facilities', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['territories'] });
  };
}

export function useRegisterFacility() {
  const store = useStoreFacility();
  return useMutation({
    mutationFn: (body: RegisterFacilityRequest) => api<FacilityDetail>('/api/facilities', { method: 'POST', body }),
    onSuccess: store,
  });
}

export function useChangeFacilityStatus(id: string) {
  const store = useStoreFacility();
  return useMutation({
    mutationFn: (body: ChangeStatusRequest) =>
      api<FacilityDetail>(`/api/facilities/${encodeURIComponent(id)}/status`, { method: 'POST', body }),
    onSuccess: store,
  });
}
