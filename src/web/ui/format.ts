import { intlLocale } from '../i18n/i18n';

/** Times are stored in UTC and shown in the network's own time zone (DESIGN §5). */
export const TIME_ZONE = 'America/Caracas';

/** A calendar date (YYYY-MM-DD) in words, e.g. "3 mar 2025"; it is not shifted by any time zone. */
export function formatDate(date: string, language?: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(Date.UTC(year, month - 1, day, 12)));
}

/** An instant shown as date and time in Caracas. */
export function formatDateTime(instant: string, language?: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}

/** Today's date in Caracas as YYYY-MM-DD, the default for "effective on" fields. */
export function todayInCaracas(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function formatNumber(value: number, language?: string): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

/** The Caracas calendar date of an instant, e.g. "3 mar 2025". */
export function formatDayOf(instant: string, language?: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(instant));
}
