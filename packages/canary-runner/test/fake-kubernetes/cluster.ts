import { createHash, randomUUID } from 'node:crypto';

/** A Deployment or ReplicaSet as the fake stores it: plain apps/v1 JSON. */
// biome-ignore lint/suspicious/noExplicitAny: the fake works on raw API JSON.
export type Obj = Record<string, any>;

const REVISION = 'deployment.kubernetes.io/revision';

export interface ClusterOptions {
  /** Images whose pods never become ready (a crash loop, a bad tag). */
  failingImages?: Set<string>;
  /** Time between two steps of the simulated controller, in ms. Default 50. */
  stepMs?: number;
}

/**
 * The state of a namespace's Deployments and ReplicaSets, and a deployment controller that
 * moves it over time as the real one does: it observes a new generation, creates (or
 * re-adopts, under a new revision number) the ReplicaSet of the current pod template,
 * scales it up one replica per step and the old ones down once the new ones are available,
 * and marks ProgressDeadlineExceeded when a rollout makes no progress for
 * `spec.progressDeadlineSeconds`.
 */
export class FakeCluster {
  readonly deployments = new Map<string, Obj>();
  readonly replicaSets = new Map<string, Obj>();
  private readonly progressAt = new Map<string, number>();
  private timer: NodeJS.Timeout;

  constructor(private readonly options: ClusterOptions = {}) {
    this.timer = setInterval(() => this.step(), options.stepMs ?? 50);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Creates a Deployment already rolled out (revision 1), like `kubectl apply` and a wait. */
  addDeployment(namespace: string, name: string, image: string, replicas = 1): Obj {
    const labels = { app: name };
    const deployment: Obj = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace,
        uid: randomUUID(),
        generation: 1,
        resourceVersion: '1',
        annotations: {},
        labels,
      },
      spec: {
        replicas,
        selector: { matchLabels: labels },
        progressDeadlineSeconds: 600,
        template: { metadata: { labels }, spec: { containers: [{ name: 'app', image }] } },
      },
      status: {},
    };
    this.deployments.set(`${namespace}/${name}`, deployment);
    for (let i = 0; i < 2 * replicas + 4; i++) this.step();
    return deployment;
  }

  /** Called by the API after an update: a spec change is a new generation. */
  updated(before: Obj, after: Obj): void {
    after.metadata.resourceVersion = String(Number(before.metadata.resourceVersion) + 1);
    if (JSON.stringify(before.spec) !== JSON.stringify(after.spec)) {
      after.metadata.generation = (before.metadata.generation ?? 1) + 1;
      this.progressAt.set(key(after), Date.now());
    }
  }

  step(): void {
    for (const d of this.deployments.values()) this.reconcile(d);
  }

  private reconcile(d: Obj): void {
    const owned = [...this.replicaSets.values()].filter(
      (rs) => rs.metadata.ownerReferences[0].uid === d.metadata.uid,
    );
    const hash = templateHash(d.spec.template);
    let current = owned.find((rs) => rs.metadata.labels['pod-template-hash'] === hash);
    const maxRevision = Math.max(
      0,
      ...owned.map((rs) => Number(rs.metadata.annotations[REVISION])),
    );
    if (
      !current ||
      (d.metadata.generation > (d.status.observedGeneration ?? 0) &&
        Number(current.metadata.annotations[REVISION]) < maxRevision)
    ) {
      current ??= this.createReplicaSet(d, hash);
      current.metadata.annotations = {
        ...d.metadata.annotations,
        [REVISION]: String(maxRevision + 1),
      };
      delete current.metadata.annotations['deployment.kubernetes.io/revision-history'];
    }
    d.metadata.annotations = {
      ...d.metadata.annotations,
      [REVISION]: current.metadata.annotations[REVISION],
    };
    const wanted = d.spec.replicas ?? 1;
    const image = d.spec.template.spec.containers[0]?.image;
    const healthy = !this.options.failingImages?.has(image);
    let progressed = false;
    if (current.status.replicas < wanted) {
      current.status.replicas++;
      progressed = true;
    } else if (current.status.replicas > wanted) current.status.replicas = wanted;
    current.spec.replicas = current.status.replicas;
    if (healthy && current.status.availableReplicas < current.status.replicas) {
      current.status.availableReplicas++;
      progressed = true;
    }
    current.status.availableReplicas = Math.min(
      current.status.availableReplicas,
      current.status.replicas,
    );
    const newDone = current.status.availableReplicas >= wanted;
    for (const old of owned.filter((rs) => rs !== current && rs.status.replicas > 0)) {
      if (newDone || wanted === 0) {
        old.status.replicas--;
        old.spec.replicas = old.status.replicas;
        old.status.availableReplicas = Math.min(old.status.availableReplicas, old.status.replicas);
        progressed = true;
      }
    }
    if (progressed) this.progressAt.set(key(d), Date.now());
    const all = owned.includes(current) ? owned : [...owned, current];
    const complete = newDone && all.every((rs) => rs === current || rs.status.replicas === 0);
    const since = this.progressAt.get(key(d)) ?? Date.now();
    const deadlineExceeded =
      !complete && Date.now() - since > d.spec.progressDeadlineSeconds * 1000;
    d.status = {
      observedGeneration: d.metadata.generation,
      replicas: all.reduce((s, rs) => s + rs.status.replicas, 0),
      updatedReplicas: current.status.replicas,
      readyReplicas: all.reduce((s, rs) => s + rs.status.availableReplicas, 0),
      availableReplicas: all.reduce((s, rs) => s + rs.status.availableReplicas, 0),
      conditions: [
        deadlineExceeded
          ? {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: `ReplicaSet "${current.metadata.name}" has timed out progressing.`,
            }
          : {
              type: 'Progressing',
              status: 'True',
              reason: complete ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
              message: `ReplicaSet "${current.metadata.name}" is progressing.`,
            },
      ],
    };
  }

  private createReplicaSet(d: Obj, hash: string): Obj {
    const template = structuredClone(d.spec.template);
    template.metadata.labels = { ...template.metadata.labels, 'pod-template-hash': hash };
    const rs: Obj = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        uid: randomUUID(),
        labels: template.metadata.labels,
        annotations: {},
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: d.metadata.name,
            uid: d.metadata.uid,
            controller: true,
          },
        ],
      },
      spec: { replicas: 0, selector: { matchLabels: template.metadata.labels }, template },
      status: { replicas: 0, availableReplicas: 0 },
    };
    this.replicaSets.set(`${d.metadata.namespace}/${rs.metadata.name}`, rs);
    return rs;
  }
}

function key(d: Obj): string {
  return `${d.metadata.namespace}/${d.metadata.name}`;
}

/** Like the controller's pod-template-hash: the same template always gets the same hash. */
export function templateHash(template: Obj): string {
  const copy = structuredClone(template);
  delete copy.metadata?.labels?.['pod-template-hash'];
  return createHash('sha256').update(stableJson(copy)).digest('hex').slice(0, 10);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Obj)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
