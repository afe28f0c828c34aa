/**
 * `help.*`: FAQ (常见问题) from the synced reference data, complaints and feedback (投诉与反馈)
 * through the outbox, and "call staff" (呼叫工作人员) from any screen. All three work
 * offline: the FAQ is cached, feedback and call-staff requests are queued durably and pushed when
 * the central service is reachable.
 */
import { z } from 'zod'
import { defineMethod } from '../define'
import { FaqData } from '../../central/reference'
import { MOBILE_NUMBER } from '../../central'

export const FAQ_CATEGORIES = FaqData.shape.category.options
export type FaqCategory = (typeof FAQ_CATEGORIES)[number]

export const FaqEntry = z.object({
  key: z.string(),
  category: FaqData.shape.category,
  order: z.number().int(),
  question: z.object({ zh: z.string(), en: z.string() }),
  answer: z.object({ zh: z.string(), en: z.string() }),
})
export type FaqEntry = z.infer<typeof FaqEntry>

export const FEEDBACK_CATEGORIES = ['complaint', 'suggestion', 'praise', 'other'] as const
export const FeedbackCategory = z.enum(FEEDBACK_CATEGORIES)
export type FeedbackCategory = z.infer<typeof FeedbackCategory>

/** Longest feedback text the on-screen keyboard accepts. */
export const FEEDBACK_MAX_CHARS = 500

export const helpMethods = {
  'help.faq': defineMethod({
    summary: 'FAQ entries from the cached reference data, by category and order (zh + en).',
    input: z.object({}).strict(),
    output: z.object({ entries: z.array(FaqEntry), updatedAt: z.string().nullable() }),
  }),
  'help.feedback': defineMethod({
    summary:
      'Submits a complaint or feedback through the outbox (works offline): answers the ticket number and a printable receipt. ID and phone numbers typed into the text are masked before it is stored.',
    input: z
      .object({
        category: FeedbackCategory,
        text: z.string().trim().min(1).max(FEEDBACK_MAX_CHARS),
        /** Optional call-back number (mobile); stored sealed, printed masked. */
        contactPhone: z.string().regex(MOBILE_NUMBER).optional(),
      })
      .strict(),
    output: z.object({
      ticketNo: z.string(),
      printableId: z.string(),
      /** True until the central service has acknowledged it (it is durable either way). */
      queued: z.boolean(),
      at: z.string(),
    }),
    session: 'required',
  }),
  'help.callStaff': defineMethod({
    summary:
      "Calls staff (one tap from any screen): the request, with the screen, step, last error and the resident's masked identity, appears on the supervisor dashboard and is sent to the central service.",
    input: z
      .object({
        screen: z.string().min(1).max(64),
        step: z.string().max(64).optional(),
        lastError: z.string().max(64).optional(),
      })
      .strict(),
    output: z.object({
      requestId: z.string(),
      at: z.string(),
      /** True when an open request from the last minute was found instead of making a new one. */
      repeated: z.boolean(),
    }),
  }),
}
