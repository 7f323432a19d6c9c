import type { ValidationError } from 'class-validator';
import type { FieldViolation } from './domain-error.js';

/**
 * Flattens class-validator errors into field violations. Messages name the
 * rule, never the rejected value, so they are safe to return and log.
 */
export function violationsFrom(errors: ValidationError[], parent = '', fieldName: (property: string) => string = (p) => p): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${fieldName(error.property)}` : fieldName(error.property);
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      code: ruleToCode(rule),
      message: withoutValue(message, error.property, field),
    }));
    return [...own, ...violationsFrom(error.children ?? [], field, fieldName)];
  });
}

/** `isMoneyAmount` → `IS_MONEY_AMOUNT`: the stable code of a validation rule. */
export function ruleToCode(rule: string): string {
  if (rule === 'whitelistValidation') return 'UNKNOWN_FIELD';
  return rule.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** class-validator messages start with the property name; keep the public (snake_case) one. */
function withoutValue(message: string, property: string, field: string): string {
  const leaf = field.split('.').at(-1) ?? field;
  return message.startsWith(property) ? leaf + message.slice(property.length) : message;
}
