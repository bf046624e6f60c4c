/** The network's local time zone: times are stored in UTC and shown here (DESIGN §5). */
export const TIME_ZONE = 'America/Caracas';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The minute `todayLocal` last formatted, and its date: every request asks, and formatting is dear. */
let lastMinute = NaN;
let lastDate = '';

/**
 * Today's date in Caracas as YYYY-MM-DD. A zone's offset from UTC is a whole number of minutes,
 * so the date is the same throughout a minute of UTC, and is formatted once per minute asked.
 */
export function todayLocal(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = dateFormat.format(now);
    lastMinute = minute;
  }
  return lastDate;
}
