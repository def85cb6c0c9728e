import { waitForFileText } from './processes.ts';

// The service's own request log (JSON lines in its log file): each "request completed" line lists the OSS
// calls made for the request, every attempt, as the OSS client recorded them.

export interface LoggedRequest {
  method: string;
  path?: string;
  durationMs: number;
  oss?: { operation: string }[];
}

/**
 * The service's request log lines once `total` of them are written (the log is written asynchronously,
 * after the response): which OSS calls each request made, and how long the service itself took.
 */
export async function loggedRequests(logFile: string, total: number): Promise<LoggedRequest[]> {
  const completed = (text: string) => text.split('\n').filter((line) => line.includes('"request completed"'));
  const text = await waitForFileText(logFile, (t) => completed(t).length >= total);
  return completed(text)
    .slice(0, total)
    .map((line) => JSON.parse(line) as LoggedRequest);
}

export const operationsOf = (entry: LoggedRequest | undefined) =>
  (entry?.oss ?? []).map((call) => call.operation);
