import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  admissionSchema,
  bedBoardSchema,
  emergencySchema,
  examSchema,
  rehabPlanSchema,
  surgerySchema,
  deliverySchema,
  pregnancyInCareListSchema,
} from '../../../modules/services/services.schema';
import type {
  registeredWalkInSchema,
  registerWalkInBody,
  walkInListSchema,
} from '../../../modules/services/walk-in.schema';
import { api } from '../../app/api-client';

export type Exam = z.infer<typeof examSchema>;
export type Admission = z.infer<typeof admissionSchema>;
export type BedBoard = z.infer<typeof bedBoardSchema>;
export type Emergency = z.infer<typeof emergencySchema>;
export type RehabPlan = z.infer<typeof rehabPlanSchema>;
export type Surgery = z.infer<typeof surgerySchema>;
export type Delivery = z.infer<typeof deliverySchema>;
export type PregnancyInCare = z.infer<typeof pregnancyInCareListSchema>['items'][number];
export type WalkIn = z.infer<typeof walkInListSchema>['items'][number];
export type RegisterWalkInRequest = z.input<typeof registerWalkInBody>;
export type RegisteredWalkIn = z.infer<typeof registeredWalkInSchema>;

/** Everything a tier II–IV facility's screens read, under one key so that every write refreshes it. */
export const serviceKeys = {
  all: ['tier-services'] as const,
  of: (...parts: string[]) => ['tier-services', ...parts] as const,
};

const enc = encodeURIComponent;

function useList<T>(key: string[], path: string, query?: Record<string, string>, enabled = true) {
  return useQuery({
    enabled,
    queryKey: serviceKeys.of(...key, JSON.stringify(query ?? {})),
    queryFn: ({ signal }) => api<{ items: T[] }>(path, { query: query ?? {}, signal }),
  });
}

export const useReferralExams = (referralId: string) =>
  useList<Exam>(['referral-exams', referralId], `/api/referrals/${enc(referralId)}/exams`);
export const useReferralAdmissions = (referralId: string) =>
  useList<Admission>(['referral-admissions', referralId], `/api/referrals/${enc(referralId)}/admissions`);
export const useFacilityExams = (facilityId: string, pending: boolean) =>
  useList<Exam>(['exams', facilityId], `/api/facilities/${enc(facilityId)}/exams`, { pending: String(pending) });
export const useEmergencies = (facilityId: string) =>
  useList<Emergency>(['emergencies', facilityId], `/api/facilities/${enc(facilityId)}/emergencies`);
export const useSurgeries = (facilityId: string) =>
  useList<Surgery>(['surgeries', facilityId], `/api/facilities/${enc(facilityId)}/surgeries`);
export const useRehabPlans = (facilityId: string) =>
  useList<RehabPlan>(['rehab', facilityId], `/api/facilities/${enc(facilityId)}/rehab-plans`);

export const useDeliveries = (facilityId: string) =>
  useList<Delivery>(['deliveries', facilityId], `/api/facilities/${enc(facilityId)}/deliveries`);
export const usePregnanciesInCare = (facilityId: string) =>
  useList<PregnancyInCare>(['pregnancies', facilityId], `/api/facilities/${enc(facilityId)}/pregnancies`);
/** People of the population the emergency room serves, by national id or name; asked once 3 letters are typed. */
export const useWalkInSearch = (facilityId: string, query: string) =>
  useList<WalkIn>(
    ['walk-ins', facilityId],
    `/api/facilities/${enc(facilityId)}/walk-ins`,
    { q: query.trim() },
    query.trim().length >= 3,
  );

/** Registers someone brought to the emergency room with no record; the answer names possible duplicates. */
export const useRegisterWalkIn = (facilityId: string) =>
  useServiceWrite<RegisterWalkInRequest, RegisteredWalkIn>(`/api/facilities/${enc(facilityId)}/walk-ins`);

export function useBedBoard(facilityId: string) {
  return useQuery({
    queryKey: serviceKeys.of('beds', facilityId),
    queryFn: ({ signal }) => api<BedBoard>(`/api/facilities/${enc(facilityId)}/bed-board`, { signal }),
  });
}

/** A write to a tier II–IV facility: posts the body and refreshes every screen that could show it. */
export function useServiceWrite<Body, Result = unknown>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => api<Result>(path, { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: serviceKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['referral-figures'] });
    },
  });
}
