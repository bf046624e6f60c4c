import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { figuresSchema } from '../../../modules/referrals/figures.schema';
import type {
  referralDetailSchema,
  referralListSchema,
  sendReferralBody,
  stepBody,
} from '../../../modules/referrals/referral.schema';
import { api } from '../../app/api-client';

export type ReferralDetail = z.infer<typeof referralDetailSchema>;
export type ReferralSummary = z.infer<typeof referralListSchema>['items'][number];
export type SendReferralRequest = z.input<typeof sendReferralBody>;
export type StepRequest = z.input<typeof stepBody>;
export type ReferralFigures = z.infer<typeof figuresSchema>;

/** Query keys of referrals, in one place so that writes know what to refresh. */
export const referralKeys = {
  all: ['referrals'] as const,
  detail: (id: string) => ['referrals', 'detail', id] as const,
  list: (facilityId: string, side: 'received' | 'sent', scope: 'open' | 'all') =>
    ['referrals', 'list', facilityId, side, scope] as const,
  figures: (territory: string) => ['referral-figures', territory] as const,
};

export function useReferral(id: string) {
  return useQuery({
    queryKey: referralKeys.detail(id),
    queryFn: ({ signal }) => api<ReferralDetail>(`/api/referrals/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useReferralList(facilityId: string, side: 'received' | 'sent', scope: 'open' | 'all') {
  return useQuery({
    enabled: facilityId !== '',
    queryKey: referralKeys.list(facilityId, side, scope),
    queryFn: ({ signal }) =>
      api<{ items: ReferralSummary[] }>(`/api/facilities/${encodeURIComponent(facilityId)}/referrals/${side}`, {
        query: { scope },
        signal,
      }),
  });
}

export function useSendReferral(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SendReferralRequest) =>
      api<ReferralDetail>(`/api/persons/${encodeURIComponent(personId)}/referrals`, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: referralKeys.all }),
  });
}

export function useTakeStep(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StepRequest) =>
      api<ReferralDetail>(`/api/referrals/${encodeURIComponent(id)}/steps`, { method: 'POST', body }),
    onSuccess: (detail) => {
      queryClient.setQueryData(referralKeys.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: referralKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['worklist'] });
    },
  });
}

export function useReferralFigures(territory: string) {
  return useQuery({
    queryKey: referralKeys.figures(territory),
    queryFn: ({ signal }) => api<ReferralFigures>('/api/referral-figures', { query: { territory }, signal }),
  });
}
