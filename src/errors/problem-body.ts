// The one place a ProblemError becomes the RFC 9457 body callers read, so every path answers alike.
import { type ProblemError, problemType } from './problem.ts';

/** Standard members always win over extensions: an extension can never forge `status` or `requestId`. */
const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'requestId']);

export interface ProblemContext {
  requestId: string;
  /** The request path the problem occurred on. */
  instance?: string | undefined;
}

export function problemBody(problem: ProblemError, context: ProblemContext): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
  };
  if (context.instance !== undefined) body.instance = context.instance;
  body.code = problem.code;
  body.requestId = context.requestId;
  for (const [key, value] of Object.entries(problem.extensions)) {
    if (!RESERVED.has(key) && value !== undefined) body[key] = value;
  }
  return body;
}
