import { describe, expect, it } from 'vitest';
import { isLoopbackAddress } from './loopback.js';

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['::ffff:10.0.0.5', false],
    ['1270::1', false],
    [undefined, false],
  ])('%j -> %j', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});
