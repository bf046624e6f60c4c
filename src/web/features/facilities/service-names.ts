import { useTranslation } from 'react-i18next';
import { useServiceCatalog } from './facility.resource';

/**
 * The name of a service of the catalog (an exam, a rehabilitation modality, a consultation) in the
 * interface's language. Until the catalog has loaded, the name the server gave (Spanish) or the code.
 */
export function useServiceName(): (code: string, fallback?: string) => string {
  const { i18n } = useTranslation();
  const catalog = useServiceCatalog();
  const english = i18n.language === 'en';
  const names = new Map((catalog.data ?? []).map((s) => [s.code, english ? s.nameEn : s.nameEs]));
  return (code, fallback) => names.get(code) ?? fallback ?? code;
}
