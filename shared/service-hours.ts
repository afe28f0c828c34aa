/**
 * Opening hours and notices as the resident sees them, computed from the centre's reference data.
 * Pure functions of the data and a clock, so the core, the tests and the renderer agree. Times are
 * the hall's local time (Asia/Shanghai by default), whatever zone the machine is set to.
 */
import type { NoticeData, ServiceHoursData } from './central/reference'

export const HALL_TIME_ZONE = 'Asia/Shanghai'

/** A local date and time in the hall's zone. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number
  /** `HH:MM` */
  time: string
}

/** When a closed service opens next: the weekday and time its tile shows. */
export interface OpensAt {
  date: string
  weekday: number
  time: string
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

/** The hall's local date, weekday and time at `now`. */
export function localTime(now: Date, timeZone = HALL_TIME_ZONE): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  )
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
    time: `${parts.hour}:${parts.minute}`,
  }
}

/** Adds whole days to a `YYYY-MM-DD` date (calendar arithmetic, no zone involved). */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * Whether a service with these hours is open at `now`; when it is not, when it opens next (within
 * two weeks; `null` when the hours never open, e.g. no weekday ranges at all).
 */
export function hoursState(
  hours: Pick<ServiceHoursData, 'days' | 'closedDates'>,
  now: Date,
  timeZone = HALL_TIME_ZONE,
): { open: true } | { open: false; opensAt: OpensAt | null } {
  const here = localTime(now, timeZone)
  const closed = new Set(hours.closedDates ?? [])
  const today = closed.has(here.date) ? [] : hours.days.filter((d) => d.weekday === here.weekday)
  if (today.some((d) => d.open <= here.time && here.time < d.close)) return { open: true }
  for (let ahead = 0; ahead <= 14; ahead++) {
    const date = addDays(here.date, ahead)
    if (closed.has(date)) continue
    const weekday = ((here.weekday - 1 + ahead) % 7) + 1
    const opens = hours.days
      .filter((d) => d.weekday === weekday && (ahead > 0 || d.open > here.time))
      .map((d) => d.open)
      .sort()
    if (opens[0]) return { open: false, opensAt: { date, weekday, time: opens[0] } }
  }
  return { open: false, opensAt: null }
}

/** A notice as the resident sees it. */
export type ShownNotice = NoticeData & {
  key: string
  kind: NonNullable<NoticeData['kind']>
  important: boolean
}

/**
 * The notices in force on the hall's local date at `now`, newest first (by `validFrom`, then key).
 * A notice is in force from `validFrom` through `validTo` inclusive; an expired or future one is
 * never shown.
 */
export function noticesInForce(
  notices: readonly { key: string; data: NoticeData }[],
  now: Date,
  timeZone = HALL_TIME_ZONE,
): ShownNotice[] {
  const today = localTime(now, timeZone).date
  return notices
    .filter((n) => n.data.validFrom <= today && (!n.data.validTo || today <= n.data.validTo))
    .map((n) => ({
      ...n.data,
      key: n.key,
      kind: n.data.kind ?? 'general',
      important: n.data.important ?? false,
    }))
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom) || a.key.localeCompare(b.key))
}

/** The end of the hall's local day containing `now`, as an instant (staff overrides last until then). */
export function endOfLocalDay(now: Date, timeZone = HALL_TIME_ZONE): Date {
  const here = localTime(now, timeZone)
  const [h, m] = here.time.split(':').map(Number) as [number, number]
  const minutesLeft = 24 * 60 - (h * 60 + m)
  const start = new Date(now.getTime() - (now.getTime() % 60_000))
  return new Date(start.getTime() + minutesLeft * 60_000)
}
