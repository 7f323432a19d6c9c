/** Nest injection token for the process's redacting pino logger. */
export const LOGGER = Symbol('Logger');
