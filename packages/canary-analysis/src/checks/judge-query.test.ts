import { describe, expect, it } from 'vitest';
import { judgeQuery } from './judge-query.js';

describe('judgeQuery', () => {
  it('fails a value above its max or below its min, and passes one within', () => {
    expect(judgeQuery({ name: 'q', value: 2, seriesCount: 1, max: 1 })).toMatchObject({
      status: 'fail',
      limit: 1,
      detail: 'query q = 2 above its max 1',
    });
    expect(judgeQuery({ name: 'q', value: 0, seriesCount: 1, min: 1 })).toMatchObject({
      status: 'fail',
      detail: 'query q = 0 below its min 1',
    });
    expect(judgeQuery({ name: 'q', value: 1, seriesCount: 1, min: 0, max: 2 })).toMatchObject({
      status: 'pass',
      limit: 2,
    });
    expect(judgeQuery({ name: 'q', value: 1, seriesCount: 1 })).not.toHaveProperty('limit');
  });

  it('compares +Inf like any other value', () => {
    expect(
      judgeQuery({ name: 'p99', value: Number.POSITIVE_INFINITY, seriesCount: 1, max: 0.5 }).status,
    ).toBe('fail');
  });
});
