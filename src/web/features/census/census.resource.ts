import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { censusOverviewSchema } from '../../../modules/census/census.schema';
import type { classifyBody, dispensarizationSchema } from '../../../modules/census/classification.schema';
import type {
  amendHouseholdBody,
  householdDetailSchema,
  registerHouseholdBody,
} from '../../../modules/census/household.schema';
import type { personRecordSchema } from '../../../modules/census/person-record.schema';
import { api } from '../../app/api-client';
import { useMe } from '../auth/session.resource';

export type CensusOverview = z.infer<typeof censusOverviewSchema>;
export type HouseholdDetail = z.infer<typeof householdDetailSchema>;
export type RegisterHouseholdRequest = z.input<typeof registerHouseholdBody>;
export type AmendHouseholdRequest = z.input<typeof amendHouseholdBody>;
export type PersonRecord = z.infer<typeof personRecordSchema>;
export type ClassifyRequest = z.input<typeof classifyBody>;
export type Dispensarization = z.infer<typeof dispensarizationSchema>;
export type CensusCodes = Record<string, string[]>;

export interface CensusSearch {
  q?: string;
  sectorId?: string;
  page?: number;
}

/** Query keys of the census, in one place so that writes know what to refresh. */
export const censusKeys = {
  post: (facilityId: string) => ['census', 'post', facilityId] as const,
  overview: (facilityId: string, search: CensusSearch) => ['census', 'post', facilityId, search] as const,
  codes: ['catalog', 'census-codes'] as const,
  person: (id: string) => ['persons', id] as const,
};

/** Where a primary-care team works: the household census and the worklist are theirs. */
const POST_KINDS: ReadonlySet<string> = new Set(['consultorio_popular', 'clinica_popular']);

export const isPostKind = (kind: string | null | undefined): boolean => !!kind && POST_KINDS.has(kind);

/**
 * Whether the user works at this facility and it is a post. A CDI or hospital holds the people
 * its emergency room registered with no record, but keeps no census of households to go back to.
 */
export function useWorksAtPost(facilityId: string): boolean {
  const me = useMe();
  return me.roles.some((role) => role.facilityId === facilityId && isPostKind(role.facilityKind));
}

/** The post the user works at: the facility of their first facility role, if any. */
export function useMyPostId(): string | null {
  const me = useMe();
  return me.roles.find((role) => role.facilityId)?.facilityId ?? null;
}

export function useCensus(facilityId: string, search: CensusSearch) {
  return useQuery({
    queryKey: censusKeys.overview(facilityId, search),
    queryFn: ({ signal }) =>
      api<CensusOverview>(`/api/posts/${encodeURIComponent(facilityId)}/census`, {
        query: { ...search, pageSize: 25 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCensusCodes() {
  return useQuery({
    queryKey: censusKeys.codes,
    queryFn: ({ signal }) => api<CensusCodes>('/api/catalog/census-codes', { signal }),
    staleTime: Infinity,
  });
}

export function useRegisterHousehold(facilityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterHouseholdRequest) =>
      api<HouseholdDetail>(`/api/posts/${encodeURIComponent(facilityId)}/households`, { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: censusKeys.post(facilityId) });
      void queryClient.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}

/** A person's record; every opening is logged by the server, so it is not refetched on focus. */
export function usePerson(id: string) {
  return useQuery({
    queryKey: censusKeys.person(id),
    queryFn: ({ signal }) => api<PersonRecord>(`/api/persons/${encodeURIComponent(id)}`, { signal }),
    refetchOnWindowFocus: false,
  });
}

export function useClassifyPerson(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClassifyRequest) =>
      api<Dispensarization>(`/api/persons/${encodeURIComponent(personId)}/classifications`, { method: 'POST', body }),
    onSuccess: (dispensarization) => {
      queryClient.setQueryData<PersonRecord>(censusKeys.person(personId), (record) =>
        record ? { ...record, dispensarization } : record,
      );
      void queryClient.invalidateQueries({ queryKey: ['census'] });
      void queryClient.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}

/** Surveys the living conditions of a household that had none: every condition at once. */
export function useSurveyHousehold(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AmendHouseholdRequest) =>
      api<HouseholdDetail>(`/api/households/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: (household) => {
      queryClient.setQueryData(['census', 'household', id], household);
      void queryClient.invalidateQueries({ queryKey: ['census'] });
      void queryClient.invalidateQueries({ queryKey: ['persons'] });
      void queryClient.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}

export function useHousehold(id: string) {
  return useQuery({
    queryKey: ['census', 'household', id],
    queryFn: ({ signal }) => api<HouseholdDetail>(`/api/households/${encodeURIComponent(id)}`, { signal }),
  });
}
