import { describe, expect, it } from 'vitest';
import { failingReport } from './__fixtures__/failing-report.js';
import { passingLoad as load } from './__fixtures__/passing-load.js';
import { renderLoadMarkdown, renderMarkdown } from './render-markdown.js';

describe('renderMarkdown', () => {
  it('writes the verdict, the counts and a table row per check', () => {
    const md = renderMarkdown(failingReport);
    expect(md.split('\n').slice(0, 7)).toEqual([
      '### ❌ Smoke failed: http://127.0.0.1:8000',
      '',
      '1 passed, 2 failed, 1 skipped in 1.23 s (waited 1.2 s for /health)',
      '',
      '| check | status | time | reason |',
      '| --- | --- | ---: | --- |',
      '| health | ✅ pass | 12 ms |  |',
    ]);
    expect(md).toContain(
      '| resources | ⏭️ skip | 0 ms | GET /metrics answered 404: the service exposes no metrics |',
    );
  });

  it('escapes pipes and markup so a reason cannot break the table', () => {
    const md = renderMarkdown({
      ...failingReport,
      checks: [
        { name: 'a|b', status: 'fail', durationMs: 1, error: 'got <script> | and\nnewline' },
      ],
    });
    expect(md).toContain('| a\\|b | ❌ fail | 1 ms | got &lt;script&gt; \\| and newline |');
  });

  it('adds the load figures when load ran', () => {
    const { waitedMs: _, ...rest } = failingReport;
    const md = renderMarkdown({ ...rest, status: 'pass', load });
    expect(md).toContain('### ✅ Smoke passed');
    expect(md).not.toContain('waited');
    expect(md).toContain('**Load** on `/health`: 10 connections for 10 s, ✅ passed');
    expect(md).toContain(
      '| 0.231 ms | 2 ms | 5 ms | 12.5 ms | 20 ms | 4321.5 | 43215 | 0 (0.00%) | 200: 43215 |',
    );
    expect(renderMarkdown({ ...rest, load: { ...load, statusCodes: {} } })).toContain('| none |');
  });

  it('says why a load run failed', () => {
    const failed = {
      ...load,
      status: 'fail' as const,
      error: '/health: p99 latency 5 ms over the 1 ms limit',
    };
    expect(renderLoadMarkdown(failed).split('\n')[0]).toBe(
      '**Load** on `/health`: 10 connections for 10 s, ❌ failed: /health: p99 latency 5 ms over the 1 ms limit',
    );
  });
});
