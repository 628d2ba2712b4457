/** What every masked secret is replaced with, in every package of the toolkit. */
export const REDACTED = '***';
