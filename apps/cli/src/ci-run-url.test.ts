import { describe, expect, it } from 'vitest';
import { ciRunUrl } from './ci-run-url.js';

describe('ciRunUrl', () => {
  const github = {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/n1v1',
    GITHUB_RUN_ID: '4242',
  };

  it('links to the GitHub Actions run the command runs in', () => {
    expect(ciRunUrl(github)).toBe('https://github.com/acme/n1v1/actions/runs/4242');
  });

  it('links to the attempt of a re-run', () => {
    expect(ciRunUrl({ ...github, GITHUB_RUN_ATTEMPT: '2' })).toBe(
      'https://github.com/acme/n1v1/actions/runs/4242/attempts/2',
    );
    expect(ciRunUrl({ ...github, GITHUB_RUN_ATTEMPT: '1' })).toBe(
      'https://github.com/acme/n1v1/actions/runs/4242',
    );
  });

  it('prefers --run-url, and gives none outside CI', () => {
    expect(ciRunUrl(github, ' https://ci.example.com/run/7 ')).toBe('https://ci.example.com/run/7');
    expect(ciRunUrl({ GITHUB_RUN_ID: '1' })).toBeUndefined();
  });
});
