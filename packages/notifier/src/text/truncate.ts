/** Appended to any text cut to fit a limit. */
export const ELLIPSIS = '…';

/**
 * Cuts text to at most `max` UTF-16 code units, ending with an ellipsis when cut.
 * Code units are the stricter of the ways limits get counted (they are never fewer than
 * code points), and a surrogate pair is never split, so the result is always valid text.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}${ELLIPSIS}`;
}

/** Puts text on one line: line breaks and runs of whitespace become single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
