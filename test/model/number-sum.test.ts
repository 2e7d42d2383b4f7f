import { describe, expect, it } from 'vitest';
import { ValidationException } from '../../src/index.js';
import { addNumbers } from '../../src/model/number-sum.js';

describe('addNumbers (UpdateItem ADD)', () => {
  it('adds exactly, in canonical form', () => {
    expect(addNumbers('1', '2')).toBe('3');
    expect(addNumbers('0.1', '0.2')).toBe('0.3');
    expect(addNumbers('-1.5', '1.5')).toBe('0');
    expect(addNumbers('12345678901234567890123456789012345678', '1')).toBe('12345678901234567890123456789012345679');
    expect(addNumbers('1E+2', '-0.001')).toBe('99.999');
    expect(addNumbers('0', '-7')).toBe('-7');
  });

  it('rejects a sum beyond 38 digits of precision', () => {
    expect(() => addNumbers('99999999999999999999999999999999999999', '0.1')).toThrow(ValidationException);
  });
});
