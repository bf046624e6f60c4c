/** The network's local time zone: times are stored in UTC and shown here (DESIGN §5). */
export const TIME_ZONE = 'America/Caracas';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Caracas as YYYY-MM-DD. */
export function todayLocal(now: Date = new Date()): string {
  return dateFormat.format(now);
}
