import type { ResourceType } from '../api/resource-types.js';
import type { Obj, ObjectStore } from '../store/object-store.js';

/** What a controller may read and write; writes that change nothing are not made. */
export interface ControllerContext {
  store: ObjectStore;
  type(kind: string): ResourceType;
  /** Writes the object when it differs from the stored one; true when it was written. */
  save(type: ResourceType, object: Obj): boolean;
  /** Deletes the object and, like the garbage collector, everything it owns. */
  remove(type: ResourceType, object: Obj): void;
  /** Images whose containers never become ready. */
  failingImages: ReadonlySet<string>;
  now(): number;
}

export const REVISION = 'deployment.kubernetes.io/revision';

export const ownedBy = (owner: Obj) => (o: Obj) =>
  (o.metadata.ownerReferences ?? []).some((r: Obj) => r.uid === owner.metadata.uid && r.controller);

export const isoNow = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
