/**
 * What the centre tells residents through its reference data: notices in force, opening hours per
 * service (which close tiles through the status tracker), time promises and hotlines, and the
 * wallet guide. Everything is read from the synced cache, so a centre changes it without a build.
 * Staff can open closed services until the end of the local day; QA can move this module's clock.
 */
import QRCode from 'qrcode'
import type { CentrePromises, WalletGuideOperator } from '../../../shared/api'
import type { ReferenceKind } from '../../../shared/central'
import { SERVICES, type ServiceId } from '../../../shared/services'
import {
  endOfLocalDay,
  hoursState,
  noticesInForce,
  type OpensAt,
  type ShownNotice,
} from '../../../shared/service-hours'
import type { SettingsAccess } from '../data/settings'
import type { CachedReferenceItem } from '../sync/reference-cache'
import type { TerminalStatusTracker } from './status'

/** The `settings` row holding the staff override (ISO instant it ends). */
export const HOURS_OVERRIDE_SETTING = 'terminal.hoursOverride'

/** Promises and hotlines residents see when the centre has not sent its own (fresh install). */
export const DEFAULT_PROMISES = {
  unbindDays: 1,
  feedbackDays: 5,
  fundHotline: '12329',
  taxHotline: '12366',
} as const

export interface CentreInfo {
  /** Recomputes which services are closed now and tells the status tracker. */
  refresh(): void
  notices(): ShownNotice[]
  promises(): CentrePromises
  walletGuide(): Promise<WalletGuideOperator[]>
  /** Opens closed services until the end of the local day (`open`), or ends that. */
  setOverride(open: boolean): Promise<{ until: string } | null>
  /** QA: moves this module's clock to `at` (null: back to the real clock, or the configured start). */
  setQaClock(at: Date | null): void
  /** The clock hours and notices are judged by (the QA-moved one). */
  now(): Date
  start(): void
  stop(): void
}

export function createCentreInfo(deps: {
  items: <K extends ReferenceKind>(kind: K) => CachedReferenceItem<K>[]
  clock: () => Date
  status: TerminalStatusTracker
  settings: SettingsAccess
  /** How often hours are re-checked (a tile closes at the minute it should). */
  intervalMs?: number
  /** QA: the instant the hours clock starts at (time runs on from there); `setQaClock(null)` returns here. */
  startAt?: Date | null
}): CentreInfo {
  const baseOffsetMs = deps.startAt ? deps.startAt.getTime() - deps.clock().getTime() : 0
  let offsetMs = baseOffsetMs
  let timer: ReturnType<typeof setInterval> | null = null
  const now = () => new Date(deps.clock().getTime() + offsetMs)

  const overrideUntil = (): string | null => {
    const until = deps.settings.read(HOURS_OVERRIDE_SETTING)
    return until && Date.parse(until) > now().getTime() ? until : null
  }

  const refresh = () => {
    const at = now()
    const until = overrideUntil()
    const hours = new Map(deps.items('serviceHours').map((h) => [h.key, h.data]))
    const closed: Partial<Record<ServiceId, OpensAt | null>> = {}
    if (!until) {
      for (const spec of SERVICES) {
        const own = hours.get(spec.id) ?? hours.get('hall')
        if (!spec.hours || !own) continue
        const state = hoursState(own, at)
        if (!state.open) closed[spec.id] = state.opensAt
      }
    }
    deps.status.update({ closed, hoursOverride: until ? { until } : null })
  }

  return {
    refresh,
    now,
    notices: () => noticesInForce(deps.items('notice'), now()),
    promises() {
      const found = new Map(deps.items('servicePromise').map((p) => [p.key, p.data]))
      const days = (key: string, fallback: number) => {
        const p = found.get(key)
        return p && 'workingDays' in p ? p.workingDays : fallback
      }
      const phone = (key: string, fallback: string) => {
        const p = found.get(key)
        return p && 'phone' in p ? p.phone : fallback
      }
      return {
        unbindDays: days('unbind', DEFAULT_PROMISES.unbindDays),
        feedbackDays: days('feedback', DEFAULT_PROMISES.feedbackDays),
        fundHotline: phone('fundHotline', DEFAULT_PROMISES.fundHotline),
        taxHotline: phone('taxHotline', DEFAULT_PROMISES.taxHotline),
      }
    },
    async walletGuide() {
      const operators = deps
        .items('walletOperator')
        .filter((o) => o.data.enabled && o.data.guide)
        .sort((a, b) => a.data.order - b.data.order || a.key.localeCompare(b.key))
      return Promise.all(
        operators.map(async ({ data }) => ({
          code: data.code,
          name: { zh: data.name, en: data.nameEn },
          steps: data.guide!.steps,
          appUrl: data.guide!.appUrl,
          hotline: data.guide!.hotline,
          qrSvg: await QRCode.toString(data.guide!.appUrl, {
            type: 'svg',
            errorCorrectionLevel: 'M',
            margin: 2,
          }),
        })),
      )
    },
    async setOverride(open) {
      const until = open ? endOfLocalDay(now()).toISOString() : null
      await deps.settings.write(HOURS_OVERRIDE_SETTING, until)
      refresh()
      return until ? { until } : null
    },
    setQaClock(at) {
      offsetMs = at ? at.getTime() - deps.clock().getTime() : baseOffsetMs
      refresh()
    },
    start() {
      refresh()
      if (timer) return
      timer = setInterval(refresh, deps.intervalMs ?? 15_000)
      timer.unref?.()
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}
