import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { Redactor, secretsFromEnv } from '@n1v1/redact';
import { statePath, validateEnvName, validateRunId } from './state-paths.js';

/** One line of a run's journal. */
export interface JournalEntry {
  /** Position in this run's journal, from 1. */
  seq: number;
  /** ISO time it was written. */
  at: string;
  runId: string;
  type: string;
  /** The step a `step.started`/`step.finished` line is about. */
  step?: string;
  ok?: boolean;
  data?: Record<string, unknown>;
}

/**
 * A run's append-only journal: one JSON line per event, fsync'd before the call returns, so
 * that what the journal says happened survives the process being killed right after. Lives
 * at `<stateDir>/runs/<env>/<runId>.jsonl`.
 */
export class Journal {
  readonly path: string;
  /**
   * Every line goes through it before it reaches the disk (CI uploads the journal as an
   * artifact). Starts with this process's secret-named variables; a run adds its own.
   */
  readonly redactor: Redactor;
  private seq: number;

  constructor(
    stateDir: string,
    env: string,
    readonly runId: string,
    redactor?: Redactor,
  ) {
    this.redactor = redactor ?? new Redactor(secretsFromEnv(process.env));
    const dir = runsDir(stateDir, env);
    const created = !existsSync(dir);
    mkdirSync(dir, { recursive: true });
    this.path = statePath(stateDir, 'runs', env, `${validateRunId(runId)}.jsonl`);
    this.seq = existsSync(this.path) ? readJournal(this.path, () => {}).length : 0;
    if (created) syncDirectory(dir);
  }

  /** Appends one entry and flushes it to disk. */
  append(
    type: string,
    fields: Omit<JournalEntry, 'seq' | 'at' | 'runId' | 'type'> = {},
  ): JournalEntry {
    const entry: JournalEntry = this.redactor.deep({
      seq: ++this.seq,
      at: new Date().toISOString(),
      runId: this.runId,
      type,
      ...fields,
    });
    const fd = openSync(this.path, 'a');
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return entry;
  }
}

export function runsDir(stateDir: string, env: string): string {
  return statePath(stateDir, 'runs', validateEnvName(env));
}

/**
 * Reads a journal. Lines are data: a line that is not a JSON object with a `type` (`null`, a
 * number, a write torn by a crash) is skipped and reported through `onSkip` with the file
 * and line named, by default on stderr; everything else was flushed whole.
 */
export function readJournal(
  path: string,
  onSkip: (message: string) => void = (message) =>
    process.stderr.write(`canary-runner: ${message}\n`),
): JournalEntry[] {
  const entries: JournalEntry[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (!line.trim()) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        onSkip(`skipped line ${index + 1} of ${path}: not JSON (a write torn by a crash?)`);
        return;
      }
      if (!isEntry(parsed)) {
        onSkip(`skipped line ${index + 1} of ${path}: not a journal entry`);
        return;
      }
      entries.push(parsed);
    });
  return entries;
}

function isEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  const data = entry.data;
  return (
    typeof entry.type === 'string' &&
    (entry.data === undefined ||
      (typeof data === 'object' && data !== null && !Array.isArray(data)))
  );
}

/** Every journal file of an environment, oldest first (run ids start with a sortable time). */
export function listJournals(stateDir: string, env: string): string[] {
  const dir = runsDir(stateDir, env);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // Not every platform can fsync a directory; the file's own fsync still holds.
  }
}
