import { queryOptions, useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { meSchema } from '../../../modules/people/people.schema';
import type { Permission } from '../../../server/access';
import { api } from '../../app/api-client';

export type Me = z.infer<typeof meSchema>;

export const meQueryOptions = queryOptions({
  queryKey: ['me'],
  queryFn: ({ signal }) => api<Me>('/api/me', { signal }),
  staleTime: 5 * 60_000,
});

/** The logged-in user; only inside the routes that made sure there is one. */
export function useMe(): Me {
  return useSuspenseQuery(meQueryOptions).data;
}

export function hasPermission(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

export function usePermission(permission: Permission): boolean {
  return hasPermission(useMe(), permission);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { username: string; password: string }) =>
      api<Me>('/api/auth/login', { method: 'POST', body: credentials }),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions.queryKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST' }),
    // Whatever the server says, nothing of the last session stays in this browser's memory.
    onSettled: () => queryClient.clear(),
  });
}
