import { ApiError } from '../api/api-error.js';
import type { SchemaObject } from '../openapi/schema-dsl.js';
import type { Obj } from '../store/object-store.js';
import {
  describePath,
  fieldPaths,
  fromFieldsV1,
  removeAt,
  SEP,
  toFieldsV1,
  valueAt,
} from './field-paths.js';
import { jsonEqual } from './json-values.js';
import { strategicMergePatch, stripDirectives } from './strategic-merge-patch.js';

interface Manager {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fields: Set<string>;
}

function readManagers(object: Obj | undefined): Manager[] {
  return ((object?.metadata?.managedFields ?? []) as Obj[]).map((m) => ({
    manager: m.manager,
    operation: m.operation,
    apiVersion: m.apiVersion,
    time: m.time,
    fields: fromFieldsV1(m.fieldsV1 ?? {}),
  }));
}

function writeManagers(object: Obj, managers: Manager[]): void {
  object.metadata.managedFields = managers
    .filter((m) => m.fields.size)
    .map((m) => ({
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      time: m.time,
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1([...m.fields].sort()),
    }));
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * After a create, update or non-apply patch: the fields it changed now belong to its
 * manager (an `Update` entry), and no longer to anyone else.
 */
export function recordUpdate(
  before: Obj | undefined,
  after: Obj,
  manager: string,
  schema: SchemaObject,
): void {
  const managers = readManagers(before ?? after);
  const changed = [...fieldPaths(after, schema)].filter(
    (p) => !before || !jsonEqual(valueAt(before, p), valueAt(after, p)),
  );
  if (!changed.length) {
    writeManagers(after, managers);
    return;
  }
  for (const m of managers) for (const p of changed) m.fields.delete(p);
  let mine = managers.find((m) => m.manager === manager && m.operation === 'Update');
  if (!mine) {
    mine = {
      manager,
      operation: 'Update',
      apiVersion: after.apiVersion,
      time: now(),
      fields: new Set(),
    };
    managers.push(mine);
  }
  mine.time = now();
  for (const p of changed) mine.fields.add(p);
  writeManagers(after, managers);
}

/**
 * Server-side apply of a configuration by `manager`: a field another manager owns with a
 * different value is a conflict (409, listing each path) unless `force` takes it over;
 * fields this manager applied before and no longer applies are removed, unless someone
 * else owns them too; the configuration is merged in with the schema's list keys.
 */
export function serverSideApply(
  live: Obj,
  applied: Obj,
  manager: string,
  force: boolean,
  schema: SchemaObject,
): Obj {
  const managers = readManagers(live);
  const appliedPaths = fieldPaths(applied, schema);
  const conflicts: Array<[string, string]> = [];
  for (const m of managers) {
    if (m.manager === manager) continue;
    for (const p of appliedPaths) {
      if (p.endsWith(`${SEP}.`) || !m.fields.has(p)) continue;
      if (jsonEqual(valueAt(live, p), valueAt(applied, p))) continue;
      if (force) m.fields.delete(p);
      else conflicts.push([m.manager, p]);
    }
  }
  if (conflicts.length) {
    conflicts.sort((a, b) => a[1].localeCompare(b[1]));
    const lines = conflicts.map(([m, p]) => `conflict with "${m}": ${describePath(p)}`);
    throw new ApiError(
      409,
      'Conflict',
      `Apply failed with ${conflicts.length} conflict${conflicts.length > 1 ? 's' : ''}: ${lines.join('; ')}`,
      {
        causes: conflicts.map(([m, p]) => ({
          reason: 'FieldManagerConflict',
          message: `conflict with "${m}"`,
          field: describePath(p),
        })),
      },
    );
  }
  const result = structuredClone(live);
  let mine = managers.find((m) => m.manager === manager && m.operation === 'Apply');
  const ownedByOthers = (p: string) => managers.some((m) => m !== mine && m.fields.has(p));
  // Items ('.') sort before their fields: an item goes as a whole, its fields with it.
  for (const p of [...(mine?.fields ?? [])].sort()) {
    if (!appliedPaths.has(p) && !ownedByOthers(p)) removeAt(result, p);
  }
  const merged = strategicMergePatch(result, stripDirectives(applied), schema) as Obj;
  merged.metadata = { ...merged.metadata, managedFields: live.metadata?.managedFields };
  if (!mine) {
    mine = {
      manager,
      operation: 'Apply',
      apiVersion: applied.apiVersion,
      time: now(),
      fields: new Set(),
    };
    managers.push(mine);
  }
  mine.fields = appliedPaths;
  mine.time = now();
  writeManagers(merged, managers);
  return merged;
}
