/** Screen names for `router.push({ name })`; no path strings outside router.ts. */
import type { ServiceId } from '../shared/services'

export const ROUTES = {
  attract: 'attract',
  home: 'home',
  service: 'service',
  // Identity (issue 4): choose a way in, then card → face or SMS, or ID number → SMS.
  identity: 'identity',
  identityCard: 'identity-card',
  identityFace: 'identity-face',
  identityIdNumber: 'identity-id-number',
  identitySms: 'identity-sms',
  /** After the third failed attempt (the session has ended): ask staff. */
  identityLocked: 'identity-locked',
} as const

/**
 * The first screen of each built service, by service id. A tile of a service without an entry
 * opens the generic "coming soon" screen. Each service adds its entry when its screens land.
 */
export const SERVICE_ROUTES: Partial<Record<ServiceId, string>> = {}
