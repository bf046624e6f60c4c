import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { encounterSchema, recordEncounterBody } from '../../../modules/care/encounter.schema';
import type {
  givenDoseSchema,
  immunizationCardSchema,
  recordDoseBody,
} from '../../../modules/care/immunization.schema';
import type {
  birthBody,
  deathBody,
  deathSchema,
  pregnancySchema,
  prenatalControlBody,
  registerPregnancyBody,
} from '../../../modules/care/maternal.schema';
import type { timelineSchema } from '../../../modules/care/timeline.schema';
import { api } from '../../app/api-client';

export type Encounter = z.infer<typeof encounterSchema>;
export type RecordEncounterRequest = z.input<typeof recordEncounterBody>;
export type ImmunizationCard = z.infer<typeof immunizationCardSchema>;
export type GivenDose = z.infer<typeof givenDoseSchema>;
export type RecordDoseRequest = z.input<typeof recordDoseBody>;
export type Pregnancy = z.infer<typeof pregnancySchema>;
export type Timeline = z.infer<typeof timelineSchema>;
export type TimelineEvent = Timeline['events'][number];
export type RegisterPregnancyRequest = z.input<typeof registerPregnancyBody>;
export type PrenatalControlRequest = z.input<typeof prenatalControlBody>;
export type BirthRequest = z.input<typeof birthBody>;
export type DeathRequest = z.input<typeof deathBody>;
export type Death = z.infer<typeof deathSchema>;

export interface Icd10Entry {
  code: string;
  title: string;
  sex: 'F' | 'M' | null;
}

const person = (id: string) => `/api/persons/${encodeURIComponent(id)}`;

/** Query keys of a person's care, in one place so that writes know what to refresh. */
export const careKeys = {
  person: (id: string) => ['care', id] as const,
  timeline: (id: string) => ['care', id, 'timeline'] as const,
  immunizations: (id: string) => ['care', id, 'immunizations'] as const,
  icd10: (q: string) => ['icd10', q] as const,
};

export function useTimeline(personId: string) {
  return useQuery({
    queryKey: careKeys.timeline(personId),
    queryFn: ({ signal }) => api<Timeline>(`${person(personId)}/timeline`, { signal }),
  });
}

export function useImmunizations(personId: string) {
  return useQuery({
    queryKey: careKeys.immunizations(personId),
    queryFn: ({ signal }) => api<ImmunizationCard>(`${person(personId)}/immunizations`, { signal }),
  });
}

/** CIE-10 entries matching what is typed, once there is something to search for. */
export function useIcd10Search(q: string) {
  const query = q.trim();
  return useQuery({
    enabled: query.length >= 2,
    queryKey: careKeys.icd10(query),
    queryFn: ({ signal }) => api<Icd10Entry[]>('/api/icd10', { query: { q: query, limit: 10 }, signal }),
    staleTime: Infinity,
  });
}

/**
 * After a care write the person's story, card and the post's worklist refresh. The census record
 * is reopened (and its opening logged) only when the write changed it: a death, or a birth.
 */
function useRefreshCare(personId: string, recordChanged: boolean) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: careKeys.person(personId) });
    void queryClient.invalidateQueries({ queryKey: ['worklist'] });
    if (recordChanged) {
      void queryClient.invalidateQueries({ queryKey: ['persons', personId] });
      void queryClient.invalidateQueries({ queryKey: ['census'] });
    }
  };
}

function usePersonWrite<Body, Result>(personId: string, path: (personId: string) => string, recordChanged = false) {
  const refresh = useRefreshCare(personId, recordChanged);
  return useMutation({
    mutationFn: (body: Body) => api<Result>(path(personId), { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export const useRecordEncounter = (personId: string) =>
  usePersonWrite<RecordEncounterRequest, Encounter>(personId, (id) => `${person(id)}/encounters`);
export const useRecordDose = (personId: string) =>
  usePersonWrite<RecordDoseRequest, GivenDose>(personId, (id) => `${person(id)}/immunizations`);
export const useRegisterPregnancy = (personId: string) =>
  usePersonWrite<RegisterPregnancyRequest, Pregnancy>(personId, (id) => `${person(id)}/pregnancies`);
export const useRecordDeath = (personId: string) =>
  usePersonWrite<DeathRequest, Death>(personId, (id) => `${person(id)}/death`, true);
export const useRecordPrenatalControl = (personId: string, pregnancyId: string) =>
  usePersonWrite<PrenatalControlRequest, Pregnancy>(
    personId,
    () => `/api/pregnancies/${encodeURIComponent(pregnancyId)}/controls`,
  );
export const useRecordBirth = (personId: string, pregnancyId: string) =>
  usePersonWrite<BirthRequest, unknown>(
    personId,
    () => `/api/pregnancies/${encodeURIComponent(pregnancyId)}/birth`,
    true,
  );

/** The ongoing pregnancy, if any, as the timeline tells it (the last one not yet ended). */
export function ongoingPregnancy(timeline: Timeline | undefined): Pregnancy | null {
  const pregnancies = (timeline?.events ?? []).flatMap((e) => (e.kind === 'pregnancy' ? [e.pregnancy] : []));
  return pregnancies.filter((p) => !p.endedOn).at(-1) ?? null;
}
