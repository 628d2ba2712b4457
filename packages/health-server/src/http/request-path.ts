/**
 * The route part of a request target: no query string, no trailing slash, lower case (express
 * matches routes case-insensitively by default, and the node:http handler does the same).
 */
export function routePath(url: string | undefined): string {
  if (url === undefined) return '/';
  const query = url.indexOf('?');
  let path = query === -1 ? url : url.slice(0, query);
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path.toLowerCase();
}
