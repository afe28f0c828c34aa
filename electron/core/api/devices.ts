/** Handlers for `devices.*`. */
import { fail, ok } from '../../../shared/api'
import type { DeviceRegistry } from '../devices/registry'
import type { HandlerGroup } from './handlers'

export function deviceHandlers(deps: {
  devices: DeviceRegistry
}): HandlerGroup<'devices.list' | 'devices.reportCamera'> {
  const { devices } = deps
  return {
    'devices.list': () => ok({ devices: devices.list() }),
    'devices.reportCamera': (input) => {
      const camera = devices.get('camera')
      if (!camera) return fail('DEVICE_UNAVAILABLE', 'camera:NOT_CONFIGURED')
      return ok(camera.report(input.state))
    },
  }
}
