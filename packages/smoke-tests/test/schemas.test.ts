import { describe, expect, it } from 'vitest';
import { readSchemaFile } from './helpers/report-schema.js';

describe('the published schemas', () => {
  it('describe a load report the same way alone and inside a smoke report', () => {
    const alone = readSchemaFile('load-report.schema.json');
    const inside = (readSchemaFile('report.schema.json').definitions as Record<string, unknown>)
      .load;
    const { $schema: _s, $id: _i, title: _t, description: _d, ...body } = alone;
    expect(body).toEqual(inside);
  });

  it('are exported by the package', async () => {
    const manifest = (await import('../package.json', { with: { type: 'json' } })).default as {
      exports: Record<string, unknown>;
    };
    for (const name of ['report', 'load-report', 'config']) {
      expect(manifest.exports[`./schema/${name}.schema.json`]).toBe(`./schema/${name}.schema.json`);
    }
  });
});
