import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../run/journal.js';
import { findJournal, listEnvironments } from './find-run.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'n1v1-find-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('findJournal', () => {
  it('finds a run by its id, the unique start of it, or its journal file, in any environment', () => {
    const a = new Journal(dir, 'staging', '20261201T100000Z-aaaa11');
    a.append('run.started');
    const b = new Journal(dir, 'production', '20261201T110000Z-bbbb22');
    b.append('run.started');
    expect(listEnvironments(dir)).toEqual(['production', 'staging']);
    expect(findJournal(dir, '20261201T100000Z-aaaa11', dir)).toBe(a.path);
    expect(findJournal(dir, '20261201T11', dir)).toBe(b.path);
    expect(findJournal(dir, relative(dir, a.path), dir)).toBe(a.path);
    expect(() => findJournal(dir, '20261201T11', dir, 'staging')).toThrow(
      'no run "20261201T11" is recorded in staging; "n1v1 history" lists the runs',
    );
    expect(() => findJournal(dir, '20261201', dir)).toThrow('"20261201" matches 2 runs under');
    expect(listEnvironments(join(dir, 'nothing'))).toEqual([]);
  });
});
