/**
 * Text safe inside an XML attribute or element. Characters XML 1.0 forbids (most
 * control characters, which a server's error text may carry) are dropped, since a
 * JUnit consumer rejects the whole file over one of them.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
