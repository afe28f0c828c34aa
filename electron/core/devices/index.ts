// The device model's public surface: the core and the print path import from here.
export * from './driver'
export * from './registry'
export * from './simulated'
export * from './demo-cards'
