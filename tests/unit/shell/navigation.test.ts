import { describe, expect, it, vi } from 'vitest'
import type { App, WebContents } from 'electron'
import { guardNavigation } from '../../../electron/shell/navigation'
import { guardAllWebContents } from '../../../electron/shell/lifecycle'
import { appOriginCheck, originOf } from '../../../electron/shell/origin'
import { electronEvent, recordingLog, StubApp, StubWebContents } from './electron-stubs.fixture'

// Never the real module: requiring it would try to download the Electron binary.
vi.mock('electron', () => ({}))

const guarded = (extra: string[] = []) => {
  const contents = new StubWebContents()
  const log = recordingLog()
  guardNavigation(contents as unknown as WebContents, appOriginCheck(extra), log)
  return { contents, log }
}

describe('origin comparison', () => {
  it('uses scheme and host, not URL.origin (which is "null" for every app:// URL in Node)', () => {
    expect(new URL('app://kiosk/').origin).toBe('null')
    expect(new URL('foo://evil/').origin).toBe('null')
    expect(originOf('app://kiosk/index.html?x=1#y')).toBe('app://kiosk')
    expect(originOf('foo://evil/')).toBe('foo://evil')
    expect(originOf('about:blank')).toBeNull()
    expect(originOf('not a url')).toBeNull()
    expect(originOf('app://kiosk@evil/')).toBeNull()
  })
})

describe('navigation guard', () => {
  it('blocks a foreign navigation and lets the app origin through', () => {
    const { contents, log } = guarded()
    expect(contents.navigate('will-navigate', 'https://evil.example/phish')).toBe(true)
    expect(contents.navigate('will-navigate', 'app://kiosk/index.html#/fund')).toBe(false)
    expect(log.events).toEqual([{ level: 'warn', message: 'shell.navigation_blocked' }])
  })

  it.each([
    'app://kiosk.evil/index.html',
    'app://kiosk@evil/index.html',
    'app://kiosk:8080/index.html',
    'foo://kiosk/index.html',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'javascript:alert(1)',
    'about:blank',
    'http://localhost:5173/',
  ])('blocks look-alike or opaque target %s', (url) => {
    const { contents } = guarded()
    expect(contents.navigate('will-navigate', url)).toBe(true)
  })

  it('blocks foreign redirects and sub-frame navigations too', () => {
    const { contents } = guarded()
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(true)
    expect(contents.navigate('will-frame-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.navigate('will-redirect', 'app://kiosk/index.html')).toBe(false)
  })

  it('allows the dev server origin only when main passes it', () => {
    const { contents } = guarded(['http://localhost:5173/'])
    expect(contents.navigate('will-navigate', 'http://localhost:5173/index.html')).toBe(false)
    expect(contents.navigate('will-navigate', 'http://localhost:5174/index.html')).toBe(true)
  })

  it('denies every new window', () => {
    const { contents } = guarded()
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    })
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({
      action: 'deny',
    })
  })

  it('never attaches a <webview>', () => {
    const { contents } = guarded()
    const event = electronEvent()
    contents.emit('will-attach-webview', event, {}, {})
    expect(event.defaultPrevented).toBe(true)
  })

  it('is applied to every webContents the app creates', () => {
    const app = new StubApp()
    guardAllWebContents(app as unknown as App, appOriginCheck(), recordingLog())
    const later = new StubWebContents()
    app.emit('web-contents-created', electronEvent(), later)
    expect(later.navigate('will-navigate', 'https://evil.example/')).toBe(true)
    expect(later.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
  })
})
