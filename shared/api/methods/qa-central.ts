/**
 * `qa.central*`: look into and switch off the bundled demo centre (QA mode only, like every
 * `qa.*`), so QA and the end-to-end tests can show that a complaint or a call-staff request reached
 * the centre exactly once, also when it was submitted while the centre was down.
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
  'qa.centralOutage': defineMethod({
    summary:
      'Makes the demo centre answer 503 on every route ({ on: true }) or serve again ({ on: false }).',
    input: z.object({ on: z.boolean() }).strict(),
    output: z.object({ on: z.boolean() }),
  }),
}
