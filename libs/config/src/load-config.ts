import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { ConfigError } from './config-error.js';

export type Env = Record<string, string | undefined>;

/** Anything with a `checkProduction` hook can refuse unsafe production settings. */
interface ProductionChecked {
  productionProblems?(): string[];
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const key = `${prefix}${error.property}`;
    const missing = error.value === undefined && error.constraints !== undefined;
    const own = missing ? [`${key} is required`] : Object.keys(error.constraints ?? {}).map((rule) => `${key} is invalid (${rule})`);
    return [...own, ...flatten(error.children ?? [], `${key}.`)];
  });
}

/**
 * Environment values are strings. Keys validated as integers or numbers are
 * converted here, from the validators themselves, rather than from
 * decorator type metadata, which compilers emit differently.
 */
function numericKeys(schema: Function): Set<string> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(schema, '', true, false);
  return new Set(metadata.filter((entry) => entry.name === 'isInt' || entry.name === 'isNumber').map((entry) => entry.propertyName));
}

function convertNumbers(env: Record<string, string>, schema: Function): Record<string, string | number> {
  const numeric = numericKeys(schema);
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, numeric.has(key) && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value]));
}

/**
 * Builds a config object from environment variables and validates it with
 * the class-validator decorators of `schema`. Property initialisers are the
 * defaults. Unknown variables are ignored; bad ones are named in the error.
 */
export function loadConfig<T extends object>(app: string, schema: new () => T, env: Env): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(schema, convertNumbers(present as Record<string, string>, schema), { exposeDefaultValues: true });
  const problems = flatten(validateSync(config, { whitelist: true, forbidUnknownValues: false, validationError: { target: false, value: true } }));
  if (problems.length === 0) {
    problems.push(...((config as ProductionChecked).productionProblems?.() ?? []));
  }
  if (problems.length > 0) {
    throw new ConfigError(app, problems);
  }
  return config;
}
