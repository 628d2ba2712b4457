import { stableJson } from '../patch/json-values.js';
import type { Obj } from '../store/object-store.js';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The pod-template-hash label of a ReplicaSet, as the deployment controller computes it: a
 * 32-bit FNV-1a hash of the (defaulted) template without its own hash label, printed in
 * decimal and each digit mapped through the alphabet of rand.SafeEncodeString. The same
 * template always gets the same hash, so `rollout undo` finds its old ReplicaSet again.
 */
export function templateHash(template: Obj): string {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(stableJson(copy), 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return [...String(hash)].map((d) => SAFE_ALPHABET[Number(d)]).join('');
}
