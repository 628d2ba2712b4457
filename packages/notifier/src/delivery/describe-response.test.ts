import { describe, expect, it } from 'vitest';
import { describeResponse } from './describe-response.js';

describe('describeResponse', () => {
  it("gives Discord's message, code and first failing field", () => {
    const body = JSON.stringify({
      message: 'Invalid Form Body',
      code: 50035,
      errors: {
        embeds: {
          '0': {
            title: {
              _errors: [
                { code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' },
              ],
            },
          },
        },
      },
    });
    expect(describeResponse(400, body)).toBe(
      'HTTP 400: Invalid Form Body (code 50035): embeds.0.title: Must be 256 or fewer in length.',
    );
  });

  it('uses the start of any other body, redacted and on one line, or just the status', () => {
    expect(describeResponse(502, '<html>\nbad gateway\n</html>')).toBe(
      'HTTP 502: <html> bad gateway </html>',
    );
    expect(describeResponse(400, '{"error":"bad token=abc"}')).toBe(
      'HTTP 400: {"error":"bad token=***"}',
    );
    expect(describeResponse(500, '')).toBe('HTTP 500');
    expect(describeResponse(500, 'x'.repeat(1000))).toHaveLength(300 + 'HTTP 500: '.length);
  });
});
