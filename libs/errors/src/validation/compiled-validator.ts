import { Ajv, type ErrorObject, type Format, type Schema } from 'ajv';
import { DomainError, type FieldViolation } from '../domain-error.js';
import { ruleToCode } from '../validation-violations.js';

/** Codes as the class-validator path names them, so callers see one vocabulary whichever path validated. */
const CODE_OF_KEYWORD: Record<string, string> = {
  required: 'IS_DEFINED',
  pattern: 'MATCHES',
  enum: 'IS_IN',
  minimum: 'MIN',
  maximum: 'MAX',
  minLength: 'LENGTH',
  maxLength: 'LENGTH',
  maxItems: 'ARRAY_MAX_SIZE',
  maxProperties: 'MAX_PROPERTIES',
  propertyNames: 'PROPERTY_NAMES',
};
const CODE_OF_TYPE: Record<string, string> = {
  string: 'IS_STRING',
  integer: 'IS_INT',
  number: 'IS_NUMBER',
  boolean: 'IS_BOOLEAN',
  object: 'IS_OBJECT',
  array: 'IS_ARRAY',
};

function codeOf(error: ErrorObject): string {
  if (error.keyword === 'format') return ruleToCode(`is_${String(error.params['format'])}`);
  if (error.keyword === 'type')
    return (
      CODE_OF_TYPE[
        String(error.params['type'])
          .split(',')
          .find((type) => type !== 'null') ?? ''
      ] ?? 'IS_TYPE'
    );
  return CODE_OF_KEYWORD[error.keyword] ?? ruleToCode(error.keyword);
}

/** `/device/riskyApps/3` → `device.riskyApps`: elements are reported at their list, as class-validator does with `each`. */
function fieldOf(error: ErrorObject, maps: readonly string[]): string {
  const path = error.instancePath.split('/').filter((part) => part !== '' && !/^\d+$/.test(part));
  if (error.keyword === 'required') path.push(String(error.params['missingProperty']));
  const field = path.join('.');
  return maps.find((map) => field.startsWith(`${map}.`)) ?? field;
}

function problemOf(error: ErrorObject, formatMessages: Readonly<Record<string, string>>): string {
  if (error.keyword === 'required') return 'must be present';
  if (error.keyword === 'format') {
    const meaning = formatMessages[String(error.params['format'])];
    if (meaning) return `must be ${meaning}`;
  }
  return error.message ?? 'is invalid';
}

function toViolations(errors: readonly ErrorObject[], maps: readonly string[], formatMessages: Readonly<Record<string, string>>): FieldViolation[] {
  const seen = new Set<string>();
  const violations: FieldViolation[] = [];
  for (const error of errors) {
    const field = fieldOf(error, maps);
    const code = codeOf(error);
    // `nullable` alternatives and `each` checks repeat one problem; report it once.
    if (seen.has(`${field} ${code}`)) continue;
    seen.add(`${field} ${code}`);
    const leaf = field.split('.').at(-1) ?? field;
    // Ajv's messages name the rule, never the value: nothing personal reaches the error.
    const problem = problemOf(error, formatMessages);
    violations.push({ field, code, message: `${leaf || 'request'} ${problem}` });
  }
  return violations;
}

export interface CompiledValidatorOptions {
  /** Named checks no JSON Schema keyword expresses (check digits, time zones), used as `format`. */
  formats?: Record<string, Format>;
  /** What each named format means, for its violation message (`must be …`); Ajv's own says only `must match format "x"`. */
  formatMessages?: Record<string, string>;
  /** Fields holding free-form maps: a problem inside one is reported at the map, never under a caller-chosen key. */
  maps?: string[];
}

/**
 * A JSON Schema compiled once (Ajv) into a plain function: for hot request
 * types where class-transformer and class-validator cost more than the
 * handler (risk `Assess`: about 100 µs per call against under 10). Failures
 * become the same `VALIDATION_FAILED` with field violations the validation
 * pipe raises.
 */
export function compileValidator<T>(schema: Schema, options: CompiledValidatorOptions = {}): (value: unknown) => T {
  const ajv = new Ajv({ allErrors: true, strict: true, formats: options.formats });
  const validate = ajv.compile(schema);
  return (value) => {
    if (validate(value)) return value as T;
    throw new DomainError('VALIDATION_FAILED', 'The request is invalid', toViolations(validate.errors ?? [], options.maps ?? [], options.formatMessages ?? {}));
  };
}
