/**
 * Reference data the terminal caches and serves offline: wallet operators, FAQ, notices, business-type
 * labels, service hours. Pulled since an opaque server cursor; the server answers `reset: true` with a
 * full snapshot when it cannot serve a delta from the cursor (none, unknown, too old), and the terminal
 * then replaces its whole cache in one transaction.
 */
import { z } from 'zod'
import { IsoDate, LocalizedText } from './primitives'

export const WalletOperatorData = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  enabled: z.boolean(),
  order: z.number().int(),
  notes: LocalizedText.optional(),
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
export const ServiceHoursData = z.object({
  /** ISO weekday numbers 1 (Mon) .. 7 (Sun) with their opening windows. */
  days: z.array(z.object({ weekday: z.number().int().min(1).max(7), open: HHMM, close: HHMM })),
  note: LocalizedText.optional(),
})
export type ServiceHoursData = z.infer<typeof ServiceHoursData>

/** The kinds of reference item and the shape of each one's `data`. */
export const REFERENCE_DATA = {
  walletOperator: WalletOperatorData,
  faq: FaqData,
  notice: NoticeData,
  businessType: BusinessTypeData,
  serviceHours: ServiceHoursData,
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
