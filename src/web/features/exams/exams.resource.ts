import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { examDestinationListSchema, postExamOrderBody } from '../../../modules/services/services.schema';
import { api } from '../../app/api-client';
import { careKeys } from '../care/care.resource';
import { serviceKeys, type Exam } from '../cdi/cdi.resource';

export type ExamDestination = z.infer<typeof examDestinationListSchema>['items'][number];
export type PostExamOrderRequest = z.input<typeof postExamOrderBody>;

const person = (id: string) => `/api/persons/${encodeURIComponent(id)}`;

/** Where the person's post may send them for exams, with the exams each place does. */
export function useExamDestinations(personId: string) {
  return useQuery({
    queryKey: ['exam-destinations', personId],
    queryFn: ({ signal }) => api<{ items: ExamDestination[] }>(`${person(personId)}/exam-destinations`, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Orders an exam for the person; the timeline and the performing facility's queue show it at once. */
export function useOrderExam(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PostExamOrderRequest) => api<Exam>(`${person(personId)}/exams`, { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: careKeys.person(personId) });
      void queryClient.invalidateQueries({ queryKey: serviceKeys.all });
    },
  });
}
