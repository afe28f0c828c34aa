/**
 * What the centre tells residents through its reference data: notices in force, time promises and
 * hotlines, the wallet guide; the staff override of opening hours and the QA clock that tests them.
 * Opening hours themselves reach the renderer as service availability (`CLOSED` with `opensAt`).
 */
import { z } from 'zod'
import { defineMethod } from '../define'
import { LocalizedText } from '../../central/primitives'
import { SupervisorToken } from './supervisor'

export const NoticeEntry = z.object({
  key: z.string(),
  level: z.enum(['info', 'warning']),
  kind: z.enum(['fund', 'tax', 'general']),
  important: z.boolean(),
  title: LocalizedText,
  body: LocalizedText,
  validFrom: z.string(),
  validTo: z.string().optional(),
})
export type NoticeEntry = z.infer<typeof NoticeEntry>

export const CentrePromises = z.object({
  /** Working days an unbind usually takes. */
  unbindDays: z.number().int().positive(),
  /** Working days within which feedback is answered. */
  feedbackDays: z.number().int().positive(),
  fundHotline: z.string(),
  taxHotline: z.string(),
})
export type CentrePromises = z.infer<typeof CentrePromises>

export const WalletGuideOperator = z.object({
  code: z.string(),
  name: LocalizedText,
  steps: z.array(LocalizedText),
  appUrl: z.string(),
  hotline: z.string(),
  /** The app page as an SVG QR code (drawn by the core). */
  qrSvg: z.string(),
})
export type WalletGuideOperator = z.infer<typeof WalletGuideOperator>

export const centreMethods = {
  'terminal.notices': defineMethod({
    summary: 'Notices in force today (expired and future ones never), newest first, in zh + en.',
    input: z.object({}).strict(),
    output: z.object({ notices: z.array(NoticeEntry) }),
  }),
  'terminal.promises': defineMethod({
    summary: "The centre's time promises and hotlines residents see (reference data).",
    input: z.object({}).strict(),
    output: CentrePromises,
  }),
  'help.walletGuide': defineMethod({
    summary:
      'For each partner operator with a guide: steps to open a wallet in its official app, its app page (with a QR code) and hotline.',
    input: z.object({}).strict(),
    output: z.object({ operators: z.array(WalletGuideOperator) }),
  }),
  'supervisor.openHours': defineMethod({
    summary:
      'Opens the services that are outside their hours until the end of the local day ({ open: true }), or ends that ({ open: false }). Audited.',
    input: z.object({ token: SupervisorToken, open: z.boolean() }).strict(),
    output: z.object({ hoursOverride: z.object({ until: z.string() }).nullable() }),
  }),
  'qa.setClock': defineMethod({
    summary:
      'QA mode only: judges opening hours and notices as if it were `at` (ISO instant), time running on from there; null goes back to the real clock (or KIOSK_QA_HOURS_CLOCK).',
    input: z.object({ at: z.iso.datetime({ offset: true }).nullable() }).strict(),
    output: z.object({ now: z.string() }),
  }),
}
