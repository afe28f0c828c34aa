/**
 * Words for services and their availability, from the codes the core sends (shared/services.ts).
 * Message keys follow the service id: `fund.bind` → `services.fund.bind.title`.
 */
import type { ServiceAvailability, ServiceId, UnavailableReason } from '../../shared/services'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** The key prefix of a service's messages. */
export const serviceKey = (id: ServiceId): string => `services.${id}`

/** Why a service is unavailable, in the resident's words ("A4 打印机暂不可用：缺纸"). */
export function unavailableReasonText(reason: UnavailableReason, t: Translate): string {
  if (reason.code === 'DEVICE_UNAVAILABLE') {
    return t('unavailable.DEVICE_UNAVAILABLE', {
      device: reason.device ? t(`devices.${reason.device}`) : '',
      status: t(`deviceCodes.${reason.deviceCode ?? 'NOT_CONFIGURED'}`),
    })
  }
  if (reason.code === 'CLOSED') {
    if (!reason.opensAt) return t('unavailable.CLOSED_UNKNOWN')
    return t('unavailable.CLOSED', {
      day: t(`weekdays.${reason.opensAt.weekday}`),
      time: reason.opensAt.time,
    })
  }
  return t(`unavailable.${reason.code}`)
}

export interface ServiceTileView {
  id: ServiceId
  title: string
  summary: string
  available: boolean
  /** Set when unavailable: the reason and what to do instead. */
  reason?: string
  /** The reason's code (`CENTRAL_OFFLINE`, …), for styling and tests. */
  reasonCode?: string
  alternative?: string
}

/** What the home screen shows for each service, in the order the core sent them. */
export function serviceTileViews(
  services: readonly ServiceAvailability[],
  t: Translate,
): ServiceTileView[] {
  return services.map((service) => {
    const base = {
      id: service.id,
      title: t(`${serviceKey(service.id)}.title`),
      summary: t(`${serviceKey(service.id)}.summary`),
      available: service.available,
    }
    if (service.available) return base
    return {
      ...base,
      reason: unavailableReasonText(service.reason ?? { code: 'COMING_SOON' }, t),
      reasonCode: service.reason?.code ?? 'COMING_SOON',
      // Outside hours the counters are closed too, and what stays open is the same for every
      // closed tile: home says it once (closedServicesHint), not in each tile, whose extra lines
      // pushed the last row of tiles (feedback, call staff) below the screen.
      alternative: service.reason?.code === 'CLOSED' ? undefined : t('unavailable.alternative'),
    }
  })
}

/**
 * Home's hint when services are closed for the hours: what stays open, said once above the tiles;
 * null while none is.
 */
export function closedServicesHint(tiles: readonly ServiceTileView[], t: Translate): string | null {
  return tiles.some((tile) => tile.reasonCode === 'CLOSED')
    ? t('unavailable.closedAlternative')
    : null
}
