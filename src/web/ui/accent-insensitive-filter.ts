import type { ComboboxItem, ComboboxParsedItem, ComboboxParsedItemGroup, OptionsFilter } from '@mantine/core';

/** "Mérida" and "merida" are the same word to someone typing on a phone. */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

function isGroup(item: ComboboxParsedItem): item is ComboboxParsedItemGroup {
  return 'group' in item;
}

/** Mantine's select filter, ignoring accents and case. */
export const accentInsensitiveFilter: OptionsFilter = ({ options, search }) => {
  const query = foldAccents(search);
  if (!query) return options;
  const matches = (item: ComboboxItem) => foldAccents(item.label).includes(query);
  return options.flatMap((item): ComboboxParsedItem[] => {
    if (!isGroup(item)) return matches(item) ? [item] : [];
    const items = item.items.filter(matches);
    return items.length ? [{ ...item, items }] : [];
  });
};
