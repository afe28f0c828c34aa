/** Screen names for `router.push({ name })`; no path strings outside router.ts. */
export const ROUTES = {
  attract: 'attract',
  home: 'home',
  service: 'service',
} as const
