import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Journal, listJournals, readJournal } from './journal.js';
import { listRuns, summarizeRun } from './run-history.js';
import { newRunId } from './run-id.js';

const stateDir = () => mkdtempSync(join(tmpdir(), 'n1v1-journal-'));

describe('the journal', () => {
  it('appends numbered JSON lines that survive a reopen', () => {
    const dir = stateDir();
    const journal = new Journal(dir, 'staging', 'r1');
    journal.append('run.started', { data: { version: '1' } });
    journal.append('step.started', { step: 'deploy' });
    const reopened = new Journal(dir, 'staging', 'r1');
    reopened.append('step.finished', { step: 'deploy', ok: true });
    const entries = readJournal(journal.path);
    expect(entries.map((e) => [e.seq, e.type])).toEqual([
      [1, 'run.started'],
      [2, 'step.started'],
      [3, 'step.finished'],
    ]);
    expect(entries[2]).toMatchObject({ runId: 'r1', step: 'deploy', ok: true });
    expect(journal.path).toBe(join(dir, 'runs', 'staging', 'r1.jsonl'));
  });

  it('ignores a last line torn by a crash mid-write', () => {
    const journal = new Journal(stateDir(), 'staging', 'r1');
    journal.append('run.started');
    appendFileSync(journal.path, '{"seq":2,"ty');
    expect(readJournal(journal.path)).toHaveLength(1);
  });

  it('lists runs oldest first, by their sortable ids', () => {
    const dir = stateDir();
    const first = newRunId(new Date('2025-01-01T10:00:00Z'));
    const second = newRunId(new Date('2025-01-01T11:00:00Z'));
    expect(first).toMatch(/^20250101T100000Z-[0-9a-f]{6}$/);
    new Journal(dir, 'staging', second).append('x');
    new Journal(dir, 'staging', first).append('x');
    expect(listJournals(dir, 'staging').map((f) => f.split('/').pop())).toEqual([
      `${first}.jsonl`,
      `${second}.jsonl`,
    ]);
    expect(listJournals(dir, 'production')).toEqual([]);
    expect(listRuns(dir, 'staging')).toEqual([]);
  });
});

describe('summarizeRun', () => {
  it('folds a journal into the run state, its deploy record and later manual actions', () => {
    const dir = stateDir();
    const journal = new Journal(dir, 'staging', 'r1');
    journal.append('run.started', {
      data: { version: '1.1.0', service: 'n1v1', pid: 42, deployer: 'local' },
    });
    journal.append('transition', { data: { from: 'pending', to: 'deploying' } });
    journal.append('step.started', { step: 'deploy' });
    journal.append('deploy.record', { data: { canary: { pid: 7 } } });
    journal.append('deploy.record', { data: { canaryUrl: 'http://127.0.0.1:1' } });
    journal.append('transition', { data: { from: 'deploying', to: 'ready' } });
    let run = listRuns(dir, 'staging')[0]!;
    expect(run).toMatchObject({
      runId: 'r1',
      version: '1.1.0',
      pid: 42,
      state: 'ready',
      finished: false,
      deployStarted: true,
      canaryUrl: 'http://127.0.0.1:1',
      record: { canary: { pid: 7 }, canaryUrl: 'http://127.0.0.1:1' },
    });
    journal.append('run.finished', { data: { verdict: 'ready', reason: 'healthy' } });
    journal.append('rollback.finished', { ok: true });
    run = listRuns(dir, 'staging')[0]!;
    expect(run).toMatchObject({ finished: true, reason: 'healthy', state: 'rolled-back' });
    journal.append('rollback.finished', { ok: false });
    expect(listRuns(dir, 'staging')[0]!.state).toBe('rollback-failed');
    journal.append('promote.finished', { ok: true });
    expect(listRuns(dir, 'staging')[0]!.state).toBe('promoted');
    expect(summarizeRun('x', [])).toBeUndefined();
  });
});

describe('journal lines are data', () => {
  it('skips null, non-objects and torn lines with the file named, and still finds a run whose first line is torn', () => {
    const dir = stateDir();
    const journal = new Journal(dir, 'staging', 'r9');
    journal.append('step.started', { step: 'deploy' });
    journal.append('deploy.record', { data: { deployProcessGroup: 12345 } });
    const torn = `{"seq":1,"type":"run.sta\nnull\n42\n"str"\n${readFileSync(journal.path, 'utf8')}`;
    writeFileSync(journal.path, torn);
    const skipped: string[] = [];
    const entries = readJournal(journal.path, (message) => skipped.push(message));
    expect(entries.map((e) => e.type)).toEqual(['step.started', 'deploy.record']);
    expect(skipped).toEqual([
      `skipped line 1 of ${journal.path}: not JSON (a write torn by a crash?)`,
      `skipped line 2 of ${journal.path}: not a journal entry`,
      `skipped line 3 of ${journal.path}: not a journal entry`,
      `skipped line 4 of ${journal.path}: not a journal entry`,
    ]);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const [run] = listRuns(dir, 'staging');
    write.mockRestore();
    expect(run).toMatchObject({
      runId: 'r9',
      finished: false,
      deployStarted: true,
      record: { deployProcessGroup: 12345 },
    });
  });
});
