import { randomUUID } from 'node:crypto';
import type { ResourceType } from '../api/resource-types.js';

/** An API object as the fake stores it: plain JSON. */
// biome-ignore lint/suspicious/noExplicitAny: the fake works on raw API JSON.
export type Obj = Record<string, any>;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change, numbered by the resourceVersion it produced. */
export interface StoreEvent {
  type: WatchEventType;
  resource: ResourceType;
  object: Obj;
  resourceVersion: number;
}

const HISTORY = 10_000;

/**
 * Every object of the fake cluster under one resourceVersion counter, as etcd gives
 * kube-apiserver: each write gets the next number, and the recent changes are kept so that a
 * watch from a resourceVersion replays what happened after it (or answers 410 Gone).
 */
export class ObjectStore {
  private version = 1;
  private readonly objects = new Map<string, Obj>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  get resourceVersion(): number {
    return this.version;
  }

  /** The oldest resourceVersion a watch can still start from. */
  get oldestWatchable(): number {
    return this.history[0] ? this.history[0].resourceVersion - 1 : this.version;
  }

  get(type: ResourceType, namespace: string, name: string): Obj | undefined {
    const found = this.objects.get(key(type, namespace, name));
    return found ? structuredClone(found) : undefined;
  }

  list(type: ResourceType, namespace?: string): Obj[] {
    const prefix = `${type.group}/${type.plural}/`;
    const out: Obj[] = [];
    for (const [k, o] of this.objects) {
      if (!k.startsWith(prefix)) continue;
      if (namespace !== undefined && type.namespaced && o.metadata.namespace !== namespace)
        continue;
      out.push(structuredClone(o));
    }
    return out.sort((a, b) =>
      `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
        `${b.metadata.namespace}/${b.metadata.name}`,
      ),
    );
  }

  /** Stores a new object: uid, creationTimestamp, generation and resourceVersion are set here. */
  create(type: ResourceType, object: Obj): Obj {
    const stored = structuredClone(object);
    stored.metadata.uid = randomUUID();
    stored.metadata.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    if (type.generation) stored.metadata.generation = 1;
    return this.write('ADDED', type, stored);
  }

  update(type: ResourceType, object: Obj): Obj {
    return this.write('MODIFIED', type, structuredClone(object));
  }

  delete(type: ResourceType, namespace: string, name: string): Obj | undefined {
    const k = key(type, namespace, name);
    const found = this.objects.get(k);
    if (!found) return undefined;
    this.objects.delete(k);
    this.version++;
    const gone = structuredClone(found);
    gone.metadata.resourceVersion = String(this.version);
    this.emit({ type: 'DELETED', resource: type, object: gone, resourceVersion: this.version });
    return gone;
  }

  /** Changes after `resourceVersion`, oldest first. */
  eventsSince(resourceVersion: number): StoreEvent[] {
    return this.history.filter((e) => e.resourceVersion > resourceVersion);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(type: WatchEventType, resource: ResourceType, object: Obj): Obj {
    this.version++;
    object.metadata.resourceVersion = String(this.version);
    this.objects.set(key(resource, object.metadata.namespace ?? '', object.metadata.name), object);
    this.emit({ type, resource, object: structuredClone(object), resourceVersion: this.version });
    return structuredClone(object);
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY) this.history.shift();
    for (const listener of this.listeners) listener(event);
  }
}

function key(type: ResourceType, namespace: string, name: string): string {
  return `${type.group}/${type.plural}/${type.namespaced ? namespace : ''}/${name}`;
}
