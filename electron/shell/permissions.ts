/**
 * Permission policy for a session: the camera (video only, no microphone) for the app origin's main
 * frame, nothing else for anyone. Requests and synchronous checks get the same answer, and device
 * choosers (HID, serial, USB) are always refused.
 */
import type { Session } from 'electron'
import type { OriginCheck, ShellLog } from './origin'

type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0] & {}
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0] & {}
type Permission = Parameters<PermissionRequestHandler>[1]
type RequestDetails = Parameters<PermissionRequestHandler>[3]
type CheckDetails = Parameters<PermissionCheckHandler>[3]

/** The slice of a session the policy installs itself on (a stub in tests). */
export type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>

/** Answers one permission request: only `media` asking for video alone, from the app's main frame. */
export function allowPermissionRequest(
  permission: Permission,
  details: RequestDetails,
  isApp: OriginCheck,
): boolean {
  if (permission !== 'media') return false
  const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined
  if (!mediaTypes || mediaTypes.length === 0 || !mediaTypes.every((t) => t === 'video')) {
    return false
  }
  if (!details.isMainFrame || !isApp(details.requestingUrl)) return false
  const securityOrigin = 'securityOrigin' in details ? details.securityOrigin : undefined
  return securityOrigin === undefined || isApp(securityOrigin)
}

/** Answers one permission check (`enumerateDevices`, `permissions.query`) the same way. */
export function allowPermissionCheck(
  permission: Permission,
  requestingOrigin: string,
  details: CheckDetails,
  isApp: OriginCheck,
): boolean {
  if (permission !== 'media' || details.mediaType !== 'video') return false
  if (!isApp(requestingOrigin)) return false
  if (details.embeddingOrigin !== undefined && !isApp(details.embeddingOrigin)) return false
  return details.securityOrigin === undefined || isApp(details.securityOrigin)
}

/** Installs the policy on a session; refusals of requests are logged (permission name only). */
export function installPermissionPolicy(
  session: PermissionSession,
  isApp: OriginCheck,
  log: ShellLog,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = allowPermissionRequest(permission, details, isApp)
    if (!granted) log.warn('shell.permission_refused', { permission })
    callback(granted)
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, requestingOrigin, details, isApp),
  )
  session.setDevicePermissionHandler(() => false)
}
