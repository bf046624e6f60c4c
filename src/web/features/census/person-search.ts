/** What the person's page opens on, so that a worklist item lands on the form that clears it. */
export const PERSON_ACTIONS = ['classify', 'dose', 'pregnancy', 'control', 'birth', 'death', 'exam'] as const;
export type PersonAction = (typeof PERSON_ACTIONS)[number];

export interface PersonSearch {
  action?: PersonAction;
  vaccine?: string;
  dose?: number;
}

export function validatePersonSearch(search: Record<string, unknown>): PersonSearch {
  const action = PERSON_ACTIONS.find((a) => a === search.action);
  const dose = Number(search.dose);
  return {
    ...(action ? { action } : {}),
    ...(typeof search.vaccine === 'string' && search.vaccine ? { vaccine: search.vaccine } : {}),
    ...(Number.isInteger(dose) && dose > 0 ? { dose } : {}),
  };
}
