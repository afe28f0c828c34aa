/**
 * The services a resident can use, with what each one
 * requires. The home screen shows one tile per entry; the core decides availability from the
 * requirements and the terminal's live status (see `serviceAvailability`).
 */
import { z } from 'zod'
import type { DeviceKind, DeviceStatus } from './devices'

export const SERVICE_IDS = [
  'fund.bind',
  'fund.unbind',
  'fund.query',
  'fund.status',
  'tax.records',
  'tax.certificate',
  'wallet.guide',
  'help.faq',
  'help.feedback',
  'help.callStaff',
] as const
export const ServiceId = z.enum(SERVICE_IDS)
export type ServiceId = z.infer<typeof ServiceId>

export interface ServiceSpec {
  id: ServiceId
  /** A verified resident is needed before the service starts. */
  needsIdentity: boolean
  /** The central service must be reachable to start (identity needs it; reads are never cached). */
  needsCentral: boolean
  /** Devices that must be usable; a receipt that can be shown as a QR code instead is not listed. */
  devices: DeviceKind[]
  /** Built and enabled in this version; tiles of services not built yet say "coming soon". */
  built: boolean
  /**
   * Keeps the centre's opening hours: outside them the tile says when it opens. Help, guides,
   * lookups and verification leave it unset and are always open.
   */
  hours?: true
}

/** The catalogue, in the order the home screen shows it. */
export const SERVICES: readonly ServiceSpec[] = [
  {
    id: 'fund.bind',
    needsIdentity: true,
    needsCentral: true,
    devices: [],
    built: true,
    hours: true,
  },
  {
    id: 'fund.unbind',
    needsIdentity: true,
    needsCentral: true,
    devices: [],
    built: true,
    hours: true,
  },
  {
    id: 'fund.query',
    needsIdentity: true,
    needsCentral: true,
    devices: [],
    built: true,
    hours: true,
  },
  // The receipt's number and the ID's last 4 are the proof; numbers queued here answer offline.
  { id: 'fund.status', needsIdentity: false, needsCentral: false, devices: [], built: true },
  {
    id: 'tax.records',
    needsIdentity: true,
    needsCentral: true,
    devices: [],
    built: true,
    hours: true,
  },
  {
    id: 'tax.certificate',
    needsIdentity: true,
    needsCentral: true,
    devices: ['a4Printer'],
    built: true,
    hours: true,
  },
  { id: 'wallet.guide', needsIdentity: false, needsCentral: false, devices: [], built: true },
  { id: 'help.faq', needsIdentity: false, needsCentral: false, devices: [], built: true },
  { id: 'help.feedback', needsIdentity: false, needsCentral: false, devices: [], built: true },
  { id: 'help.callStaff', needsIdentity: false, needsCentral: false, devices: [], built: true },
]

/** Why a service cannot be used right now; the renderer words each one (`unavailable.<code>`). */
export const UnavailableReason = z.object({
  code: z.enum([
    'COMING_SOON',
    'OUT_OF_SERVICE',
    'CLOSED',
    'CENTRAL_OFFLINE',
    'DEVICE_UNAVAILABLE',
  ]),
  device: z.string().optional(),
  deviceCode: z.string().optional(),
  /** `CLOSED`: when it opens next (local date, ISO weekday, HH:MM); absent when not known. */
  opensAt: z
    .object({
      date: z.string(),
      weekday: z.number().int().min(1).max(7),
      time: z.string().regex(/^\d{2}:\d{2}$/),
    })
    .optional(),
})
export type UnavailableReason = z.infer<typeof UnavailableReason>

export const ServiceAvailability = z.object({
  id: ServiceId,
  available: z.boolean(),
  reason: UnavailableReason.optional(),
})
export type ServiceAvailability = z.infer<typeof ServiceAvailability>

export interface AvailabilityInputs {
  centralOnline: boolean
  outOfService: boolean
  devices: readonly DeviceStatus[]
  /**
   * Services outside their opening hours, with when they open next (null: not known). Only
   * services whose spec keeps hours are closed by it.
   */
  closed?: Readonly<Partial<Record<ServiceId, UnavailableReason['opensAt'] | null>>>
}

/**
 * Decides each service's availability from its requirements. Order of reasons: what staff must fix
 * first (out of service) comes before what the resident can wait for (connection, devices).
 */
export function serviceAvailability(
  inputs: AvailabilityInputs,
  catalogue: readonly ServiceSpec[] = SERVICES,
): ServiceAvailability[] {
  return catalogue.map((spec) => {
    const no = (reason: UnavailableReason): ServiceAvailability => ({
      id: spec.id,
      available: false,
      reason,
    })
    if (!spec.built) return no({ code: 'COMING_SOON' })
    if (inputs.outOfService) return no({ code: 'OUT_OF_SERVICE' })
    const closed = spec.hours ? inputs.closed?.[spec.id] : undefined
    if (closed !== undefined) return no({ code: 'CLOSED', ...(closed ? { opensAt: closed } : {}) })
    if (spec.needsCentral && !inputs.centralOnline) return no({ code: 'CENTRAL_OFFLINE' })
    for (const kind of spec.devices) {
      const device = inputs.devices.find((d) => d.kind === kind)
      if (!device || device.state !== 'READY') {
        return no({
          code: 'DEVICE_UNAVAILABLE',
          device: kind,
          deviceCode: device?.code ?? 'NOT_CONFIGURED',
        })
      }
    }
    return { id: spec.id, available: true }
  })
}
