import { RESOURCE_TYPES } from '../api/resource-types.js';
import { DEFINITIONS } from './definitions.js';
import type { SchemaObject } from './schema-dsl.js';

/** A query parameter of an operation; kubectl looks for dryRun and fieldValidation here. */
export interface QueryParameter {
  name: string;
  in: 'query';
  type: 'string' | 'boolean';
  uniqueItems: boolean;
}

export interface PatchOperation {
  operationId: string;
  parameters: QueryParameter[];
  'x-kubernetes-action': 'patch';
  'x-kubernetes-group-version-kind': { group: string; version: string; kind: string };
}

export interface OpenApiV2 {
  swagger: string;
  info: { title: string; version: string };
  paths: Record<string, { patch: PatchOperation }>;
  definitions: Record<string, SchemaObject>;
}

const PARAMETERS: QueryParameter[] = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map(
  (name) => ({
    name,
    in: 'query',
    type: name === 'force' ? 'boolean' : 'string',
    uniqueItems: true,
  }),
);

/**
 * The /openapi/v2 document: Swagger 2.0 with the definitions of every served kind, and a
 * PATCH operation per kind whose parameters tell kubectl that server dry run and field
 * validation are supported (kubectl 1.20 refuses `--dry-run=server` without them).
 */
export function openApiV2Document(gitVersion: string): OpenApiV2 {
  const paths: OpenApiV2['paths'] = {};
  for (const t of RESOURCE_TYPES) {
    const prefix = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
    const scope = t.namespaced ? '/namespaces/{namespace}' : '';
    paths[`${prefix}${scope}/${t.plural}/{name}`] = {
      patch: {
        operationId: `patch${t.kind}`,
        parameters: PARAMETERS,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: t.group, version: t.version, kind: t.kind },
      },
    };
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: gitVersion },
    paths,
    definitions: { ...DEFINITIONS },
  };
}
