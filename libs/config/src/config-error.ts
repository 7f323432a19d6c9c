/**
 * Thrown at boot when configuration is unusable. It names the keys, never
 * their values: values are often secrets.
 */
export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(`Refusing to start ${app}: invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}
