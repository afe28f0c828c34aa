/**
 * A map keyed by outside input (application numbers, verification codes, phones, nonces) without a
 * prototype, so a key such as `constructor` or `__proto__` finds nothing instead of an Object method.
 */
export function dict<T>(entries: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries)
}
