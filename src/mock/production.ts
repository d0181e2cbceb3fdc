/** NODE_ENV says production, in any casing and with stray spaces (`Production`, ` PRODUCTION `). */
export function isProductionEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.NODE_ENV ?? '').trim().toLowerCase() === 'production';
}
