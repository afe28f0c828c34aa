/**
 * `qa.central*`: look into and switch off the bundled demo centre (QA mode only, like every
 * `qa.*`), so QA and the end-to-end tests can show that a complaint or a call-staff request reached
 * the centre exactly once, also when it was submitted while the centre was down; and fast-forward
 * the rent plans to their next pay day, so instalments arrive while a test watches.
 */
import { z } from 'zod'
import { defineMethod } from '../define'

export const qaCentralMethods = {
  'qa.centralApplications': defineMethod({
    summary:
      'What the demo centre has received of one kind (feedback or callStaff), the newest 200, oldest first; payloads as received (contact phone masked).',
    input: z.object({ kind: z.enum(['feedback', 'callStaff']) }).strict(),
    output: z.object({
      applications: z.array(
        z.object({
          applicationNo: z.string(),
          status: z.string(),
          createdAt: z.string(),
          payload: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  }),
  'qa.centralRentPlansAdvance': defineMethod({
    summary:
      'Runs the next instalment of every running rent plan at the demo centre now, as if its pay day had come (paid, skipped when the balance does not cover it, or stopped when the binding ended).',
    input: z.object({}).strict(),
    output: z.object({
      instalments: z.array(
        z.object({ applicationNo: z.string(), outcome: z.enum(['paid', 'skipped', 'stopped']) }),
      ),
    }),
  }),
  'qa.centralOutage': defineMethod({
    summary:
      'Makes the demo centre answer 503 on every route ({ on: true }) or serve again ({ on: false }).',
    input: z.object({ on: z.boolean() }).strict(),
    output: z.object({ on: z.boolean() }),
  }),
}
