import type { OpenApiV2, PatchOperation } from './openapi-v2.js';
import { ProtobufWriter } from './protobuf-writer.js';
import type { SchemaObject } from './schema-dsl.js';

/** gnostic openapi_v2.Document from the JSON document, as kube-apiserver serves it. */
export function encodeOpenApiV2(doc: OpenApiV2): Buffer {
  const paths = new ProtobufWriter();
  for (const [path, item] of Object.entries(doc.paths))
    paths.message(
      2,
      new ProtobufWriter()
        .string(1, path)
        .message(2, new ProtobufWriter().message(8, encodeOperation(item.patch))),
    );
  const definitions = new ProtobufWriter();
  for (const [name, schema] of Object.entries(doc.definitions)) {
    definitions.message(1, new ProtobufWriter().string(1, name).message(2, encodeSchema(schema)));
  }
  return new ProtobufWriter()
    .string(1, doc.swagger)
    .message(2, new ProtobufWriter().string(1, doc.info.title).string(2, doc.info.version))
    .message(8, paths)
    .message(9, definitions)
    .finish();
}

const yamlAny = (value: unknown) => new ProtobufWriter().string(2, JSON.stringify(value));

function encodeSchema(schema: SchemaObject): ProtobufWriter {
  const w = new ProtobufWriter()
    .string(1, schema.$ref)
    .string(2, schema.format)
    .string(4, schema.description);
  for (const name of schema.required ?? []) w.string(19, name);
  for (const value of schema.enum ?? []) w.message(20, yamlAny(value));
  if (schema.additionalProperties)
    w.message(21, new ProtobufWriter().message(1, encodeSchema(schema.additionalProperties)));
  if (schema.type) w.message(22, new ProtobufWriter().string(1, schema.type));
  if (schema.items) w.message(23, new ProtobufWriter().message(1, encodeSchema(schema.items)));
  if (schema.properties) {
    const properties = new ProtobufWriter();
    for (const [name, property] of Object.entries(schema.properties))
      properties.message(
        1,
        new ProtobufWriter().string(1, name).message(2, encodeSchema(property)),
      );
    w.message(25, properties);
  }
  for (const [key, value] of Object.entries(schema)) {
    // JSON is YAML: kube-openapi parses each vendor extension's value as YAML.
    if (key.startsWith('x-'))
      w.message(31, new ProtobufWriter().string(1, key).message(2, yamlAny(value)));
  }
  return w;
}

function encodeOperation(op: PatchOperation): ProtobufWriter {
  const w = new ProtobufWriter().string(5, op.operationId);
  for (const p of op.parameters) {
    const query = new ProtobufWriter()
      .string(2, p.in)
      .string(4, p.name)
      .string(6, p.type)
      .bool(20, p.uniqueItems);
    w.message(
      8,
      new ProtobufWriter().message(
        1,
        new ProtobufWriter().message(2, new ProtobufWriter().message(3, query)),
      ),
    );
  }
  for (const key of ['x-kubernetes-action', 'x-kubernetes-group-version-kind'] as const)
    w.message(13, new ProtobufWriter().string(1, key).message(2, yamlAny(op[key])));
  return w;
}
