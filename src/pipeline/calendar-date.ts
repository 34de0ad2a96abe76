/** Calendar dates are real dates: `2025-02-30` and `2025-13-45` are not. */

/** True when `iso` is YYYY-MM-DD naming a day that exists in the proleptic Gregorian calendar. */
export function isCalendarDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
  return day <= days
}

/** The detail reported for a date that is not one. */
export const calendarDateDetail = 'expected a real calendar date as YYYY-MM-DD'
