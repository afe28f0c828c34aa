// The central-service client's public surface: the core imports from here.
export * from './central-client'
export * from './retry-policy'
