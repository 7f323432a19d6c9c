import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsMoneyAmount } from './is-money-amount.js';

class Payment {
  @IsMoneyAmount()
  amount: unknown;
}

const valid = (amount: unknown): boolean => {
  const payment = new Payment();
  payment.amount = amount;
  return validateSync(payment).length === 0;
};

describe('IsMoneyAmount', () => {
  it('accepts whole amounts and up to two decimals', () => {
    for (const amount of [0, 1, 12.5, 99.99, 1e12]) expect(valid(amount), String(amount)).toBe(true);
  });

  it('refuses more decimals, exponent-notation fractions, non-finite numbers and non-numbers', () => {
    for (const amount of [0.001, 1e-7, 5e-324, Number.NaN, Infinity, -Infinity, '12.5', null, {}]) expect(valid(amount), String(amount)).toBe(false);
  });

  it('never throws, whatever the number', () => {
    fc.assert(fc.property(fc.double(), (amount) => typeof valid(amount) === 'boolean'));
  });
});
