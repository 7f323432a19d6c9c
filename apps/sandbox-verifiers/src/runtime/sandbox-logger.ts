/** Injection token of the redacting pino logger (`Logger` from #libs/observability). */
export const SANDBOX_LOGGER = Symbol('SANDBOX_LOGGER');
