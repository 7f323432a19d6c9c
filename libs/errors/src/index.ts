export type { ErrorKind } from './error-kind.js';
export { DomainError, type FieldViolation } from './domain-error.js';
export { registerErrorCodes, kindOf, isKnownErrorCode, type BuiltInErrorCode } from './error-codes.js';
export { violationsFrom } from './validation-violations.js';
export { IsMoneyAmount } from './validation/is-money-amount.js';
export { compileValidator, type CompiledValidatorOptions } from './validation/compiled-validator.js';
