import { describe, expect, it } from 'vitest';
import { excerpt, formatBytes, formatMs } from './format.js';

describe('format', () => {
  it('writes bytes in B, KiB and MiB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1024 * 1024)).toBe('1 MiB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MiB');
  });

  it('writes durations in ms below a second and in s above', () => {
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(5000)).toBe('5 s');
    expect(formatMs(1250)).toBe('1.3 s');
  });

  it('quotes a body excerpt on one line and cuts it short', () => {
    expect(excerpt('<html>\n  <body>oops</body>\n</html>')).toBe(
      '"<html> <body>oops</body> </html>"',
    );
    expect(excerpt('x'.repeat(100), 10)).toBe(`"${'x'.repeat(10)}…"`);
  });
});
