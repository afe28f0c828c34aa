import { describe, expect, it, vi } from 'vitest'
import type { Session } from 'electron'
import { installPermissionPolicy } from '../../../electron/shell/permissions'
import { appOriginCheck } from '../../../electron/shell/origin'
import { recordingLog } from './electron-stubs.fixture'

vi.mock('electron', () => ({}))

type Handler = (...args: never[]) => unknown

/** Installs the policy on a stub session and returns the handlers Electron would call. */
function policy() {
  const handlers: Record<string, Handler> = {}
  const session = {
    setPermissionRequestHandler: (h: Handler) => (handlers.request = h),
    setPermissionCheckHandler: (h: Handler) => (handlers.check = h),
    setDevicePermissionHandler: (h: Handler) => (handlers.device = h),
  }
  installPermissionPolicy(session as unknown as Session, appOriginCheck(), recordingLog())
  const request = (permission: string, details: Record<string, unknown>) => {
    let answer: boolean | undefined
    const fn = handlers.request as (...a: unknown[]) => void
    fn({}, permission, (granted: boolean) => (answer = granted), details)
    return answer
  }
  const check = (permission: string, origin: string, details: Record<string, unknown>) =>
    (handlers.check as (...a: unknown[]) => boolean)({}, permission, origin, details)
  const device = () => (handlers.device as () => boolean)()
  return { request, check, device }
}

const app = 'app://kiosk/index.html'

describe('permission policy', () => {
  it('grants the camera (video only) to the app origin', () => {
    const { request, check } = policy()
    expect(request('media', { mediaTypes: ['video'], requestingUrl: app, isMainFrame: true })).toBe(
      true,
    )
    expect(check('media', 'app://kiosk', { mediaType: 'video', isMainFrame: true })).toBe(true)
  })

  it('refuses the camera to a foreign or look-alike origin', () => {
    const { request, check } = policy()
    for (const url of [
      'https://evil.example/',
      'app://kiosk.evil/',
      'foo://kiosk/',
      'about:blank',
    ]) {
      expect(
        request('media', { mediaTypes: ['video'], requestingUrl: url, isMainFrame: true }),
      ).toBe(false)
      expect(check('media', url, { mediaType: 'video', isMainFrame: true })).toBe(false)
    }
  })

  it('refuses the microphone, alone or with the camera', () => {
    const { request, check } = policy()
    for (const mediaTypes of [['audio'], ['video', 'audio'], []]) {
      expect(request('media', { mediaTypes, requestingUrl: app, isMainFrame: true })).toBe(false)
    }
    expect(request('media', { requestingUrl: app, isMainFrame: true })).toBe(false)
    expect(check('media', 'app://kiosk', { mediaType: 'audio', isMainFrame: true })).toBe(false)
    expect(check('media', 'app://kiosk', { mediaType: 'unknown', isMainFrame: true })).toBe(false)
  })

  it('refuses the camera to a sub-frame or a foreign security origin', () => {
    const { request, check } = policy()
    expect(
      request('media', { mediaTypes: ['video'], requestingUrl: app, isMainFrame: false }),
    ).toBe(false)
    expect(
      request('media', {
        mediaTypes: ['video'],
        requestingUrl: app,
        isMainFrame: true,
        securityOrigin: 'https://evil.example',
      }),
    ).toBe(false)
    expect(
      check('media', 'app://kiosk', {
        mediaType: 'video',
        isMainFrame: false,
        embeddingOrigin: 'https://evil.example',
      }),
    ).toBe(false)
  })

  it.each([
    'geolocation',
    'notifications',
    'display-capture',
    'clipboard-read',
    'fullscreen',
    'openExternal',
    'midi',
    'hid',
    'serial',
    'usb',
    'unknown',
  ])('refuses %s even to the app origin', (permission) => {
    const { request, check } = policy()
    expect(request(permission, { requestingUrl: app, isMainFrame: true })).toBe(false)
    expect(check(permission, 'app://kiosk', { isMainFrame: true })).toBe(false)
  })

  it('refuses every device chooser (HID, serial, USB)', () => {
    expect(policy().device()).toBe(false)
  })
})
