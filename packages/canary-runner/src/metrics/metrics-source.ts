import type { QueryValue, ReadBin, TargetWindow } from '@n1v1/canary-analysis';
import type { PlannedAction } from '../run/planned-action.js';
import type { ContractProblem } from './mapping/metrics-contract.js';

/** What one poll of a metrics source gave. A side that could not be read is null. */
export interface MetricsPoll {
  canary: TargetWindow | null;
  baseline?: TargetWindow | null;
  queries?: QueryValue[];
  /**
   * Each side's sub-interval bins since the previous poll, in time order: what it served
   * between two successive reads (`readBetween` and the poll's own), when there were reads
   * between polls. A side whose poll failed keeps its bins for the next poll.
   */
  reads?: { canary?: ReadBin[]; baseline?: ReadBin[] };
  /** Why a side could not be read, one line each. */
  problems: string[];
}

/** Reads the canary's (and the baseline's) request metrics between decisions. */
export interface MetricsSource {
  /** The requests it will make, for `--dry-run`. */
  plan(): PlannedAction[];
  /** Marks the start of monitoring (takes the first snapshot). */
  start(): Promise<void>;
  /**
   * What the last reads found of the metrics contract: null when both sides expose the
   * series the mapping names with a status it can read, else what is missing and how to map it.
   */
  contract(): Promise<ContractProblem | null>;
  /** What happened since the previous poll (or `start`). */
  poll(): Promise<MetricsPoll>;
  /** What happened since `start`: the whole run, cumulative. */
  total(): Promise<MetricsPoll>;
  /**
   * The baseline's intervals over the `lookBackSec` before now, oldest first, each
   * `intervalSec` long, when the source keeps history (Prometheus does, a scrape does not).
   */
  baselineHistory?(lookBackSec: number): Promise<TargetWindow[]>;
  /**
   * A read of both sides between two polls (the scrape source's sub-interval reads): its
   * counts close one bin of the next poll's `reads`. The monitor does not wait for it: a
   * read still in flight makes the next call a no-op (its bin merges into the next), and a
   * read that fails merges too. Resolves when the read is done; never rejects.
   */
  readBetween?(): Promise<void>;
  /** Waits for a read in flight: nothing of the source is left running after it. */
  stop?(): Promise<void>;
}
