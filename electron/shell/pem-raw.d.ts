/** Vite's `?raw` import: the file's text, embedded in the bundle at build time. */
declare module '*.pem?raw' {
  const text: string
  export default text
}
