import { describe, expect, it } from 'vitest';
import { routePath } from './request-path.js';

describe('routePath', () => {
  it.each([
    [undefined, '/'],
    ['/', '/'],
    ['/health', '/health'],
    ['/health/', '/health'],
    ['/health//?a=1', '/health'],
    ['/Ready?probe=1', '/ready'],
  ])('%j -> %j', (url, expected) => {
    expect(routePath(url)).toBe(expected);
  });
});
