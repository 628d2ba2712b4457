/**
 * Just enough of the protobuf wire format to encode gnostic's openapi_v2.Document, which is
 * the only form of /openapi/v2 that kubectl reads (it sends `Accept:` protobuf and nothing
 * else). Field numbers are those of gnostic's OpenAPIv2.proto.
 */
export class ProtobufWriter {
  private readonly chunks: Buffer[] = [];

  string(field: number, value: string | undefined): this {
    if (value === undefined || value === '') return this;
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  message(field: number, body: ProtobufWriter | undefined): this {
    if (!body) return this;
    return this.bytes(field, body.finish());
  }

  bool(field: number, value: boolean | undefined): this {
    if (!value) return this;
    this.chunks.push(varint((field << 3) | 0), varint(1));
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.chunks);
  }

  private bytes(field: number, data: Buffer): this {
    this.chunks.push(varint((field << 3) | 2), varint(data.length), data);
    return this;
  }
}

function varint(value: number): Buffer {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}
