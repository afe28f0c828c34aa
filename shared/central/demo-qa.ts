/**
 * Demo-centre routes for QA and end-to-end tests (demo mode only, unsigned, loopback): what the
 * centre received by kind, and a switch that makes every /v1 route answer 503 as if the centre
 * were down, so "submitted offline, delivered once later" can be shown against the running kiosk.
 */
import { z } from 'zod'
import { ApplicationKind, ApplicationStatus } from './applications'

export const DEMO_APPLICATIONS_ROUTE = '/demo/applications/:kind'
export const DEMO_OUTAGE_ROUTE = '/demo/outage'
/**
 * The demo applications route answers with at most this many, the newest last: QA looks at what
 * just arrived, and each answer opens every sealed contact phone in it.
 */
export const DEMO_APPLICATIONS_LIMIT = 200

export function demoApplicationsPath(kind: ApplicationKind): string {
  return DEMO_APPLICATIONS_ROUTE.replace(':kind', encodeURIComponent(kind))
}

export const DemoApplication = z.object({
  applicationNo: z.string(),
  kind: ApplicationKind,
  status: ApplicationStatus,
  createdAt: z.string(),
  /** As received (feedback, callStaff); a sealed contact phone is replaced by its masked form. */
  payload: z.unknown(),
})
export type DemoApplication = z.infer<typeof DemoApplication>

export const DemoApplicationsResponse = z.object({ applications: z.array(DemoApplication) })
export const DemoOutageRequest = z.object({ on: z.boolean() })
export const DemoOutageResponse = z.object({ on: z.boolean() })
