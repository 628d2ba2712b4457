import { RESOURCE_TYPES, type ResourceType } from '../api/resource-types.js';
import { jsonEqual } from '../patch/json-values.js';
import { type Obj, ObjectStore } from '../store/object-store.js';
import { type ControllerContext, ownedBy } from './controller-context.js';
import { reconcileDeployments } from './deployment-controller.js';
import { reconcileHttpRoutes } from './httproute-controller.js';
import { reconcileReplicaSets } from './replicaset-controller.js';

export interface ClusterOptions {
  /** Images whose pods never become ready (a bad tag, a crash loop). */
  failingImages?: Iterable<string>;
  /** Time between two passes of the controllers, in ms. Default 100. */
  stepMs?: number;
  /** Namespaces that exist from the start. Default: default, kube-system, kube-public. */
  namespaces?: string[];
}

/**
 * The fake cluster's state and its controllers (deployment, ReplicaSet, garbage collection,
 * HTTPRoute status), run every `stepMs` so that rollouts move through their conditions over
 * time as on a real cluster.
 */
export class FakeCluster {
  readonly store = new ObjectStore();
  readonly failingImages: Set<string>;
  private readonly timer: NodeJS.Timeout;
  private readonly context: ControllerContext;
  private nextIp = 10;

  constructor(options: ClusterOptions = {}) {
    this.failingImages = new Set(options.failingImages ?? []);
    this.context = {
      store: this.store,
      type: (kind) => this.type(kind),
      save: (type, object) => this.save(type, object),
      remove: (type, object) => this.remove(type, object),
      failingImages: this.failingImages,
      now: () => Date.now(),
    };
    for (const name of options.namespaces ?? ['default', 'kube-system', 'kube-public'])
      this.store.create(this.type('Namespace'), {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    this.timer = setInterval(() => this.step(), options.stepMs ?? 100);
    this.timer.unref();
  }

  type(kind: string): ResourceType {
    return RESOURCE_TYPES.find((t) => t.kind === kind)!;
  }

  /** One pass of every controller; tests may call it to move time on deterministically. */
  step(): void {
    reconcileDeployments(this.context);
    reconcileReplicaSets(this.context);
    reconcileHttpRoutes(this.context);
  }

  /** A cluster IP from 10.96.0.0/12 for a new Service. */
  allocateClusterIp(): string {
    const n = this.nextIp++;
    return `10.96.${Math.floor(n / 250)}.${n % 250}`;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Reads an object of a kind the fake serves, e.g. `cluster.get('Deployment', 'default', 'web')`. */
  get(kind: string, namespace: string, name: string): Obj | undefined {
    return this.store.get(this.type(kind), namespace, name);
  }

  list(kind: string, namespace?: string): Obj[] {
    return this.store.list(this.type(kind), namespace);
  }

  private save(type: ResourceType, object: Obj): boolean {
    const stored = this.store.get(type, object.metadata.namespace ?? '', object.metadata.name);
    if (!stored || stored.metadata.resourceVersion !== object.metadata.resourceVersion)
      return false;
    if (jsonEqual(stored, object)) return false;
    this.store.update(type, object);
    return true;
  }

  /** Deletes an object and, as the garbage collector does, what it owns, depth first. */
  remove(type: ResourceType, object: Obj): void {
    for (const kind of ['ReplicaSet', 'Pod']) {
      const child = this.type(kind);
      for (const o of this.store.list(child, object.metadata.namespace).filter(ownedBy(object)))
        this.remove(child, o);
    }
    this.store.delete(type, object.metadata.namespace ?? '', object.metadata.name);
  }
}
