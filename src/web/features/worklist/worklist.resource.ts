import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { worklistItemSchema, worklistSchema } from '../../../modules/care/worklist.schema';
import { api } from '../../app/api-client';

export type Worklist = z.infer<typeof worklistSchema>;
export type WorklistItem = z.infer<typeof worklistItemSchema>;

export function useWorklist(facilityId: string) {
  return useQuery({
    enabled: facilityId !== '',
    queryKey: ['worklist', facilityId],
    queryFn: ({ signal }) => api<Worklist>(`/api/posts/${encodeURIComponent(facilityId)}/worklist`, { signal }),
  });
}
