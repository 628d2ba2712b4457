import {
  bool,
  dateTime,
  int32,
  int64,
  intOrString,
  keyedList,
  object,
  ref,
  resource,
  type SchemaObject,
  str,
} from './schema-dsl.js';

const APPS = 'io.k8s.api.apps.v1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

const condition = object({
  type: str,
  status: str,
  lastUpdateTime: dateTime,
  lastTransitionTime: dateTime,
  reason: str,
  message: str,
});

/** apps/v1 Deployment and ReplicaSet, and the autoscaling/v1 Scale of their subresource. */
export const appsDefinitions: Record<string, SchemaObject> = {
  [`${APPS}.Deployment`]: resource('apps', 'v1', 'Deployment', {
    spec: ref(`${APPS}.DeploymentSpec`),
    status: ref(`${APPS}.DeploymentStatus`),
  }),
  [`${APPS}.DeploymentSpec`]: object(
    {
      replicas: int32,
      selector: ref(`${META}.LabelSelector`),
      template: ref('io.k8s.api.core.v1.PodTemplateSpec'),
      strategy: {
        ...ref(`${APPS}.DeploymentStrategy`),
        'x-kubernetes-patch-strategy': 'retainKeys',
      },
      minReadySeconds: int32,
      revisionHistoryLimit: int32,
      paused: bool,
      progressDeadlineSeconds: int32,
    },
    ['selector', 'template'],
  ),
  [`${APPS}.DeploymentStrategy`]: object({
    type: { ...str, enum: ['Recreate', 'RollingUpdate'] },
    rollingUpdate: object({ maxSurge: intOrString, maxUnavailable: intOrString }),
  }),
  [`${APPS}.DeploymentStatus`]: object({
    observedGeneration: int64,
    replicas: int32,
    updatedReplicas: int32,
    readyReplicas: int32,
    availableReplicas: int32,
    unavailableReplicas: int32,
    terminatingReplicas: int32,
    conditions: keyedList(condition, 'type'),
    collisionCount: int32,
  }),
  [`${APPS}.ReplicaSet`]: resource('apps', 'v1', 'ReplicaSet', {
    spec: object(
      {
        replicas: int32,
        minReadySeconds: int32,
        selector: ref(`${META}.LabelSelector`),
        template: ref('io.k8s.api.core.v1.PodTemplateSpec'),
      },
      ['selector'],
    ),
    status: object({
      replicas: int32,
      fullyLabeledReplicas: int32,
      readyReplicas: int32,
      availableReplicas: int32,
      terminatingReplicas: int32,
      observedGeneration: int64,
      conditions: keyedList(condition, 'type'),
    }),
  }),
  'io.k8s.api.autoscaling.v1.Scale': resource('autoscaling', 'v1', 'Scale', {
    spec: object({ replicas: int32 }),
    status: object({ replicas: int32, selector: str }),
  }),
};
