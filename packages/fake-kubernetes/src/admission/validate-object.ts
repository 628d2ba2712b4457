import { invalid, type StatusCause } from '../api/api-error.js';
import type { ResourceType } from '../api/resource-types.js';
import { jsonEqual } from '../patch/json-values.js';
import { matchesSelector } from '../store/label-selector.js';
import type { Obj } from '../store/object-store.js';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Go's %v of a value, as field errors quote it. */
const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

/**
 * The semantic checks of kube-apiserver's validation for the kinds the fake serves, with its
 * field paths and wording; all failures of one request are reported together as a 422.
 */
export function validateObject(type: ResourceType, object: Obj, old?: Obj): void {
  const causes: StatusCause[] = [];
  const add = (field: string, reason: string, message: string) =>
    causes.push({ field, reason, message });
  const bad = (field: string, value: unknown, why: string) =>
    add(field, 'FieldValueInvalid', `Invalid value: ${show(value)}: ${why}`);
  const required = (field: string) => add(field, 'FieldValueRequired', 'Required value');
  const name = object.metadata?.name;
  if (!name) required('metadata.name');
  else if (name.length > 253 || !DNS_SUBDOMAIN.test(name))
    bad(
      'metadata.name',
      name,
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    );
  for (const [k, v] of Object.entries(object.metadata?.labels ?? {}))
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v))
      bad(
        `metadata.labels`,
        v,
        `a valid label value must be an empty string or consist of alphanumeric characters, '-', '_' or '.' (label ${k})`,
      );
  const spec = object.spec ?? {};
  if (type.kind === 'Deployment' || type.kind === 'ReplicaSet') {
    if (spec.replicas < 0)
      bad('spec.replicas', spec.replicas, 'must be greater than or equal to 0');
    if (
      !spec.selector ||
      (!Object.keys(spec.selector.matchLabels ?? {}).length &&
        !spec.selector.matchExpressions?.length)
    )
      required('spec.selector');
    else if (!matchesSelector(spec.selector, spec.template?.metadata?.labels ?? {}))
      bad(
        'spec.template.metadata.labels',
        spec.template?.metadata?.labels ?? {},
        '`selector` does not match template `labels`',
      );
    if (old && !jsonEqual(old.spec?.selector, spec.selector))
      bad('spec.selector', spec.selector, 'field is immutable');
    validatePodSpec(spec.template?.spec, 'spec.template.spec', bad, required);
  }
  if (type.kind === 'Deployment') {
    if (spec.revisionHistoryLimit < 0)
      bad(
        'spec.revisionHistoryLimit',
        spec.revisionHistoryLimit,
        'must be greater than or equal to 0',
      );
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0))
      bad(
        'spec.progressDeadlineSeconds',
        spec.progressDeadlineSeconds,
        'must be greater than minReadySeconds',
      );
    const rolling = spec.strategy?.rollingUpdate;
    if (spec.strategy?.type === 'Recreate' && rolling)
      add(
        'spec.strategy.rollingUpdate',
        'FieldValueForbidden',
        "Forbidden: may not be specified when strategy `type` is 'Recreate'",
      );
    if (rolling && isZero(rolling.maxSurge) && isZero(rolling.maxUnavailable))
      bad(
        'spec.strategy.rollingUpdate.maxUnavailable',
        rolling.maxUnavailable,
        'may not be 0 when `maxSurge` is 0',
      );
  }
  if (type.kind === 'Service') validateService(spec, old?.spec, bad, required);
  if (type.kind === 'HTTPRoute') {
    (spec.rules ?? []).forEach((rule: Obj, i: number) => {
      (rule.backendRefs ?? []).forEach((b: Obj, j: number) => {
        const field = `spec.rules[${i}].backendRefs[${j}]`;
        if (!b.name) required(`${field}.name`);
        if (b.weight < 0 || b.weight > 1_000_000)
          bad(`${field}.weight`, b.weight, 'should be between 0 and 1000000');
        if (b.kind === 'Service' && !b.port) required(`${field}.port`);
      });
    });
    if ((spec.rules ?? []).length > 16)
      add(
        'spec.rules',
        'FieldValueTooMany',
        `Too many: ${spec.rules.length}: must have at most 16 items`,
      );
  }
  if (
    type.kind === 'PodDisruptionBudget' &&
    spec.minAvailable !== undefined &&
    spec.maxUnavailable !== undefined
  )
    bad('spec', spec, 'minAvailable and maxUnavailable cannot be both set');
  if (causes.length) throw invalid(type.kind, type.group, name ?? '', causes);
}

/** The Scale subresource's own check. */
export function validateScale(name: string, replicas: unknown): void {
  if (typeof replicas === 'number' && replicas >= 0) return;
  throw invalid('Scale', 'autoscaling', name, [
    {
      field: 'spec.replicas',
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${show(replicas)}: must be greater than or equal to 0`,
    },
  ]);
}

type Bad = (field: string, value: unknown, why: string) => void;

function validatePodSpec(
  pod: Obj | undefined,
  path: string,
  bad: Bad,
  required: (f: string) => void,
): void {
  const containers: Obj[] = pod?.containers ?? [];
  if (!containers.length) required(`${path}.containers`);
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const field = `${path}.containers[${i}]`;
    if (!c.name) required(`${field}.name`);
    else if (!DNS_LABEL.test(c.name))
      bad(
        `${field}.name`,
        c.name,
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'",
      );
    else if (seen.has(c.name)) bad(`${field}.name`, c.name, 'Duplicate value');
    seen.add(c.name);
    if (!c.image) required(`${field}.image`);
    (c.ports ?? []).forEach((p: Obj, j: number) => {
      if (!(p.containerPort >= 1 && p.containerPort <= 65535))
        bad(
          `${field}.ports[${j}].containerPort`,
          p.containerPort,
          'must be between 1 and 65535, inclusive',
        );
    });
    const volumes = new Set((pod?.volumes ?? []).map((v: Obj) => v.name));
    (c.volumeMounts ?? []).forEach((m: Obj, j: number) => {
      if (!volumes.has(m.name)) bad(`${field}.volumeMounts[${j}].name`, m.name, 'not found');
    });
  });
}

function validateService(
  spec: Obj,
  old: Obj | undefined,
  bad: Bad,
  required: (f: string) => void,
): void {
  const ports: Obj[] = spec.ports ?? [];
  if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None' && !ports.length)
    required('spec.ports');
  ports.forEach((p, i) => {
    if (!(p.port >= 1 && p.port <= 65535))
      bad(`spec.ports[${i}].port`, p.port, 'must be between 1 and 65535, inclusive');
    if (ports.length > 1 && !p.name) required(`spec.ports[${i}].name`);
  });
  if (old?.clusterIP && spec.clusterIP !== old.clusterIP)
    bad('spec.clusterIP', spec.clusterIP, 'field is immutable');
}

const isZero = (v: unknown) => v === 0 || v === '0%' || v === '0';
