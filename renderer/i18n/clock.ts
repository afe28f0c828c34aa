/**
 * "10:32" for the status bar clock and today's data freshness. Both languages show 24-hour HH:mm,
 * so this skips Intl.DateTimeFormat, whose first construction costs ~25 ms of start-up (ICU data).
 */
const pad = (n: number) => String(n).padStart(2, '0')

/** Local time as HH:mm. */
export function clockTime(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`
}
