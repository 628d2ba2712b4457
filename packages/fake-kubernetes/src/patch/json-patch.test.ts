import { describe, expect, it } from 'vitest';
import { jsonPatch } from './json-patch.js';
import { mergePatch } from './merge-patch.js';

const doc = { a: { b: [1, 2, 3], 'c/d': 'x', 'e~f': 'y' } };

describe('JSON patch (RFC 6902)', () => {
  it('adds, replaces, removes, moves, copies and tests, with escaped pointers', () => {
    const out = jsonPatch(doc, [
      { op: 'add', path: '/a/b/-', value: 4 },
      { op: 'add', path: '/a/b/0', value: 0 },
      { op: 'replace', path: '/a/c~1d', value: 'z' },
      { op: 'remove', path: '/a/b/1' },
      { op: 'move', from: '/a/e~0f', path: '/moved' },
      { op: 'copy', from: '/moved', path: '/copied' },
      { op: 'test', path: '/copied', value: 'y' },
    ]);
    expect(out).toEqual({ a: { b: [0, 2, 3, 4], 'c/d': 'z' }, moved: 'y', copied: 'y' });
    expect(doc.a.b).toEqual([1, 2, 3]);
  });

  it('replaces or tests the whole document at the root pointer', () => {
    expect(jsonPatch(doc, [{ op: 'replace', path: '', value: { n: 1 } }])).toEqual({ n: 1 });
    expect(jsonPatch(doc, [{ op: 'test', path: '', value: doc }])).toEqual(doc);
    expect(() => jsonPatch(doc, [{ op: 'test', path: '', value: {} }])).toThrow(
      'testing value  failed',
    );
  });

  it('fails with 422 on a missing path, a failed test or an unknown op, and 400 on a non-array', () => {
    expect(() => jsonPatch(doc, [{ op: 'replace', path: '/nope', value: 1 }])).toThrow(
      'doc is missing key: /nope',
    );
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/a/zz' }])).toThrow('missing path');
    expect(() => jsonPatch(doc, [{ op: 'add', path: '/x/y/z', value: 1 }])).toThrow(
      'does not exist',
    );
    expect(() => jsonPatch(doc, [{ op: 'add', path: '/a/c~1d/q', value: 1 }])).toThrow(
      'does not exist',
    );
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/a/c~1d', value: 'no' }])).toThrow(
      'testing value /a/c~1d failed',
    );
    expect(() => jsonPatch(doc, [{ op: 'frobnicate', path: '/a' }])).toThrow(
      'unexpected operation "frobnicate"',
    );
    expect(() => jsonPatch(doc, { op: 'add' })).toThrow('cannot unmarshal object');
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  it('merges objects, deletes with null and replaces everything else', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1] }, { a: { b: null, d: 3 }, l: [2] })).toEqual({
      a: { c: 2, d: 3 },
      l: [2],
    });
    expect(mergePatch({ a: 1 }, 'x')).toBe('x');
    expect(mergePatch('x', { a: 1 })).toEqual({ a: 1 });
  });
});
