import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { FacilityCounts, TerritoryNode, territoryMatchSchema } from '../../../modules/territory/territory.schema';
import { api } from '../../app/api-client';

export type { FacilityCounts, TerritoryNode };
export type TerritoryMatch = z.infer<typeof territoryMatchSchema>;
export type TerritoryLevel = TerritoryNode['level'];

export const NATION = 'VE';

export const territoryQueryOptions = (code: string) =>
  queryOptions({
    queryKey: ['territories', 'node', code],
    queryFn: ({ signal }) => api<TerritoryNode>(`/api/territories/${encodeURIComponent(code)}`, { signal }),
    staleTime: 60_000,
  });

/** A territory with its lineage, children and facility counts; nothing while `code` is empty. */
export function useTerritory(code: string | null | undefined) {
  return useQuery({ ...territoryQueryOptions(code ?? ''), enabled: Boolean(code) });
}

/**
 * Territories whose name contains the text, ignoring accents and case (the server needs 2
 * letters); only those of `level` when given.
 */
export function useTerritorySearch(text: string, level?: Exclude<TerritoryLevel, 'nation'>) {
  const q = text.trim();
  return useQuery({
    queryKey: ['territories', 'search', q, level ?? 'any'],
    queryFn: ({ signal }) =>
      api<TerritoryMatch[]>('/api/territories/search', { query: { q, limit: 15, level }, signal }),
    enabled: q.length >= 2,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}
