/** Screen names for `router.push({ name })`; no path strings outside router.ts. */
import type { ServiceId } from '../shared/services'

export const ROUTES = {
  attract: 'attract',
  home: 'home',
  service: 'service',
} as const

/**
 * The first screen of each built service, by service id. A tile of a service without an entry
 * opens the generic "coming soon" screen. Each service adds its entry when its screens land.
 */
export const SERVICE_ROUTES: Partial<Record<ServiceId, string>> = {}
