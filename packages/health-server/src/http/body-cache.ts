import type { Evaluation } from '../checks/check-group.js';

/**
 * Serialized bodies per round and audience. A round's Evaluation object is reused while
 * every result is cached, so a probe flood serializes once per cache window.
 */
export class BodyCache {
  private readonly bodies = new WeakMap<Evaluation, { details?: string; plain?: string }>();

  get(evaluation: Evaluation, details: boolean, build: () => string): string {
    let entry = this.bodies.get(evaluation);
    if (entry === undefined) {
      entry = {};
      this.bodies.set(evaluation, entry);
    }
    const slot = details ? 'details' : 'plain';
    entry[slot] ??= build();
    return entry[slot];
  }
}
