import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A finite number with at most `decimals` decimal places. class-validator's
 * own `maxDecimalPlaces` throws on numbers JavaScript prints in exponent
 * notation (`1e-7`), and a validator that throws is a 500 (found by the fuzzer).
 */
export function IsMoneyAmount(decimals = 2, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMoneyAmount',
      constraints: [decimals],
      validator: {
        validate: (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(decimals)) === value,
        defaultMessage: buildMessage((each) => `${each}$property must be a number with at most ${decimals} decimal places`, options),
      },
    },
    options,
  );
}
