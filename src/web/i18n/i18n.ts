import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { translations } from './resources';

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where a person's explicit choice of language is remembered on this device. */
const STORAGE_KEY = 'adentro.language';

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

export function rememberedLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

function apply(language: Language) {
  document.documentElement.lang = language === 'es' ? 'es-VE' : 'en';
  void i18n.changeLanguage(language);
}

/** Switches the interface language and remembers the choice on this device. */
export function chooseLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may forbid storage; the switch still applies to this visit.
  }
  apply(language);
}

/** After login, speaks the user's own language unless they already chose one on this device. */
export function adoptUserLocale(locale: string) {
  const language = locale.slice(0, 2);
  if (rememberedLanguage() === null && isLanguage(language)) apply(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'es';
}

/** The BCP 47 locale for number and date formatting: Venezuelan Spanish by default (DESIGN §3.7). */
export function intlLocale(language: string = currentLanguage()): string {
  return language === 'en' ? 'en-US' : 'es-VE';
}

void i18n.use(initReactI18next).init({
  resources: { es: { translation: translations.es }, en: { translation: translations.en } },
  lng: rememberedLanguage() ?? 'es',
  fallbackLng: 'es',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = currentLanguage() === 'es' ? 'es-VE' : 'en';

export default i18n;
