/**
 * The monthly rent plan's calendar, shared by the centre (which pays by it) and the kiosk (which
 * shows the first pay date on the review step): months are `YYYY-MM`, dates `YYYY-MM-DD` in China.
 */

/** `YYYY-MM` one month after `month`. */
export function nextMonthOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** The pay date of a month: `YYYY-MM-DD`. */
export function payDateOf(month: string, payDay: number): string {
  return `${month}-${String(payDay).padStart(2, '0')}`
}

/** The first month a plan set up on `today` pays: this month if its pay day is still ahead. */
export function firstPlanMonth(today: string, payDay: number): string {
  const month = today.slice(0, 7)
  return payDateOf(month, payDay) > today ? month : nextMonthOf(month)
}
