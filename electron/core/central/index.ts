// The core's one gateway to the central service: the client, the callers' shape and the one
// mapping of the centre's failures onto API errors. Services of the core import from here.
export * from './central-caller'
export * from './central-client'
export * from './errors'
export * from './retry-policy'
