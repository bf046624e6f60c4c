import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createUserBody, userSchema } from '../../../modules/people/people.schema';
import { api } from '../../app/api-client';

export type User = z.infer<typeof userSchema>;
export type CreateUserRequest = z.input<typeof createUserBody>;

const userKeys = { all: ['users'] as const };

export function useUsers() {
  return useQuery({ queryKey: userKeys.all, queryFn: ({ signal }) => api<User[]>('/api/users', { signal }) });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => api<User>('/api/users', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
