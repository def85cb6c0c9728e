/** The first line of a node:crypto / OpenSSL error, kept short: it ends up in details shown to API callers. */
export function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 120) || 'unknown error';
}
