/**
 * Reference data the terminal caches and serves offline: wallet operators, FAQ, notices, business-type
 * labels, service hours. Pulled since an opaque server cursor; the server answers `reset: true` with a
 * full snapshot when it cannot serve a delta from the cursor (none, unknown, too old), and the terminal
 * then replaces its whole cache in one transaction.
 */
import { z } from 'zod'
import { IsoDate, LocalizedText } from './primitives'
import { RentRuleData } from './withdrawals'

/** A phone number residents may call: digits with optional dashes (12329, 95555, 400-820-8888). */
export const HotlineText = z.string().regex(/^\d[\d-]{2,18}\d$/)

/** How to open a wallet in the operator's official app: the wallet guide shows it with a QR code. */
export const WalletGuideData = z.object({
  /** Steps in order, each in both languages (real-name, class 2 or 3, where the wallet id is). */
  steps: z.array(LocalizedText).min(1).max(12),
  /** The operator's official app page; only https, so the QR never points at a look-alike page. */
  appUrl: z
    .string()
    .max(300)
    .regex(/^https:\/\/\S+$/, 'expected an https URL')
    .refine((u) => URL.canParse(u) && new URL(u).protocol === 'https:', 'expected an https URL'),
  hotline: HotlineText,
})
export type WalletGuideData = z.infer<typeof WalletGuideData>

export const WalletOperatorData = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  enabled: z.boolean(),
  order: z.number().int(),
  notes: LocalizedText.optional(),
  guide: WalletGuideData.optional(),
})
export type WalletOperatorData = z.infer<typeof WalletOperatorData>

export const FaqData = z.object({
  category: z.enum(['identity', 'wallet', 'fund', 'tax', 'service']),
  order: z.number().int(),
  question: LocalizedText,
  answer: LocalizedText,
})
export type FaqData = z.infer<typeof FaqData>

export const NoticeData = z.object({
  level: z.enum(['info', 'warning']),
  /** Which screens show it: fund and tax screens show their kind; home lists all. Absent: general. */
  kind: z.enum(['fund', 'tax', 'general']).optional(),
  /** Important notices appear on the attract screen (the newest one). Absent: not important. */
  important: z.boolean().optional(),
  title: LocalizedText,
  body: LocalizedText,
  validFrom: IsoDate,
  validTo: IsoDate.optional(),
})
export type NoticeData = z.infer<typeof NoticeData>

export const BusinessTypeData = z.object({
  /** Fund business types (01..99) and tax types (征收项目 codes) share this kind. */
  domain: z.enum(['fund', 'tax']),
  code: z.string(),
  label: LocalizedText,
})
export type BusinessTypeData = z.infer<typeof BusinessTypeData>

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)
/**
 * Opening hours, keyed by service id (`fund.bind`, …) or `hall` for the services without their own.
 */
export const ServiceHoursData = z.object({
  /** ISO weekday numbers 1 (Mon) .. 7 (Sun) with their opening windows. */
  days: z.array(
    z
      .object({ weekday: z.number().int().min(1).max(7), open: HHMM, close: HHMM })
      .refine((d) => d.open < d.close, { message: 'open must be before close', path: ['close'] }),
  ),
  /** Whole days closed (public holidays), local dates. */
  closedDates: z.array(IsoDate).max(366).optional(),
  note: LocalizedText.optional(),
})
export type ServiceHoursData = z.infer<typeof ServiceHoursData>

/**
 * A promise or number residents see (keys `unbind`, `feedback`: working days; `fundHotline`,
 * `taxHotline`: phone numbers), so that a centre changes them without a new build.
 */
export const ServicePromiseData = z.union([
  z.object({ workingDays: z.number().int().min(1).max(60) }).strict(),
  z.object({ phone: HotlineText }).strict(),
])
export type ServicePromiseData = z.infer<typeof ServicePromiseData>

/** The kinds of reference item and the shape of each one's `data`. */
export const REFERENCE_DATA = {
  walletOperator: WalletOperatorData,
  faq: FaqData,
  notice: NoticeData,
  businessType: BusinessTypeData,
  serviceHours: ServiceHoursData,
  servicePromise: ServicePromiseData,
  /** Withdrawal rules the centre publishes (key `rent`: cap, pay day, months). */
  withdrawalRule: RentRuleData,
} as const
export type ReferenceKind = keyof typeof REFERENCE_DATA
export const REFERENCE_KINDS = Object.keys(REFERENCE_DATA) as ReferenceKind[]

function item<K extends ReferenceKind, D extends z.ZodType>(kind: K, data: D) {
  return z.object({
    kind: z.literal(kind),
    key: z.string().min(1).max(128),
    /** Increases with every change of this item. */
    version: z.number().int().min(1),
    /** A tombstone: drop the cached item. `data` is null then. */
    deleted: z.boolean().optional(),
    data: data.nullable(),
  })
}

export const ReferenceItem = z.discriminatedUnion('kind', [
  item('walletOperator', WalletOperatorData),
  item('faq', FaqData),
  item('notice', NoticeData),
  item('businessType', BusinessTypeData),
  item('serviceHours', ServiceHoursData),
  item('servicePromise', ServicePromiseData),
  item('withdrawalRule', RentRuleData),
])
export type ReferenceItem = z.infer<typeof ReferenceItem>

export const ReferenceRequest = z.object({
  /** The cursor of the last pull; omit on the first pull. */
  since: z.string().max(256).optional(),
})
export const ReferenceResponse = z.object({
  /** True: `items` is a full snapshot that replaces the cache (no tombstones in it). */
  reset: z.boolean(),
  items: z.array(ReferenceItem),
  /** Save with the items, in the same transaction, and send as `since` next time. */
  cursor: z.string(),
})
