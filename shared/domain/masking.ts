/**
 * The one masking rule, applied wherever a human can see personal data:
 * screen, receipt, log, supervisor view.
 */

/** ID number: first 6 + last 4, e.g. `350102********3417`. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length)
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4)
}

/** Name: keep the first character, e.g. `林**`. Works on code points, not UTF-16 units. */
export function maskName(name: string): string {
  const chars = Array.from(name)
  if (chars.length === 0) return ''
  return chars[0] + '*'.repeat(chars.length - 1)
}

/** Mobile number: first 3 + last 4, e.g. `138****1234`. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length)
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4)
}

/** Fund account and wallet id: only the last 4 characters stay visible. */
export function maskAccountNo(accountNo: string): string {
  if (accountNo.length <= 4) return accountNo
  return '*'.repeat(accountNo.length - 4) + accountNo.slice(-4)
}
