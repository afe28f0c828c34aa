/**
 * `devices.*`: the terminal's devices after IATA CUSS 2 / CEN XFS (shared/devices.ts). The renderer
 * reads them for the supervisor view and reports the one device that lives in the page: the camera
 * (getUserMedia runs in the renderer, so only the page knows whether it got a stream).
 */
import { z } from 'zod'
import { defineEvent, defineMethod } from '../define'
import { DeviceStatus } from '../../devices'

/** What the page learnt from getUserMedia. */
export const CameraReport = z.enum([
  /** A stream was obtained (or enumerateDevices lists a camera and permission is granted). */
  'ready',
  /** No camera: `NotFoundError` / `OverconstrainedError`, or no video input listed. */
  'missing',
  /** Permission refused: `NotAllowedError` / `SecurityError`. */
  'denied',
])
export type CameraReport = z.infer<typeof CameraReport>

export const devicesMethods = {
  'devices.list': defineMethod({
    summary:
      "Every device's current state and status code (the same list terminal.status carries).",
    input: z.object({}).strict(),
    output: z.object({ devices: z.array(DeviceStatus) }),
  }),
  'devices.reportCamera': defineMethod({
    summary:
      'The page reports what getUserMedia gave it (ready, missing, denied); the camera status follows.',
    input: z.object({ state: CameraReport }).strict(),
    output: DeviceStatus,
  }),
}

export const devicesEvents = {
  'device.changed': defineEvent({
    summary: "One device's state or status code changed (also reflected in terminal.status).",
    payload: DeviceStatus,
  }),
}
