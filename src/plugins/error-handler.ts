// The one error handler and not-found handler of the app. Every error a caller can meet leaves here as
// application/problem+json with a stable code and our request id; internals stay in the log.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { frameworkProblem } from '../errors/framework-problems.ts';
import { ossProblem } from '../errors/oss-mapping.ts';
import { PROBLEM_CONTENT_TYPE, ProblemError, problem } from '../errors/problem.ts';
import { problemBody } from '../errors/problem-body.ts';
import { storeUnavailable } from '../errors/store-unavailable.ts';
import { AllowedMethods } from '../routes/allowed-methods.ts';
import { isStoreUnavailable } from '../store/index.ts';

async function errorHandler(app: FastifyInstance): Promise<void> {
  const allowed = new AllowedMethods();
  app.addHook('onRoute', (route) => allowed.add(route.method, route.url));

  // No log line here: the request log (src/plugins/request-log.ts) writes the one line per request, with
  // toProblem's code and, for 5xx, the error itself.
  app.setErrorHandler((error: FastifyError, request, reply) => sendProblem(request, reply, toProblem(error)));

  app.setNotFoundHandler((request, reply) => {
    const methods = allowed.for(request.url);
    // A route serves this method without the trailing slash: the slash, not the method, is what is wrong.
    if (methods.includes(request.method)) {
      const path = pathOf(request.url);
      return sendProblem(
        request,
        reply,
        problem(
          'route-not-found',
          `No route serves ${request.method} ${path}; drop the trailing slash: ${path.replace(/\/+$/, '')}.`,
        ),
      );
    }
    if (methods.length === 0) {
      return sendProblem(
        request,
        reply,
        problem(
          'route-not-found',
          `No route serves ${request.method} ${pathOf(request.url)}; see /docs for the API.`,
        ),
      );
    }
    return sendProblem(
      request,
      reply,
      problem(
        'method-not-allowed',
        `${pathOf(request.url)} does not support ${request.method}; use one of ${methods.join(', ')}.`,
        { headers: { allow: methods.join(', ') }, extensions: { allowedMethods: methods } },
      ),
    );
  });
}

/** Never lets an unknown error's message reach the caller. */
export function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  // The database failed under the write (gone, restarting, full, read-only): retry later, not a bug.
  if (isStoreUnavailable(error)) return storeUnavailable(error);
  return ossProblem(error) ?? frameworkProblem(error) ?? internalError(error);
}

function internalError(cause: unknown): ProblemError {
  return problem(
    'internal-error',
    'The service failed unexpectedly; retry later, and report the requestId if it persists.',
    { cause },
  );
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemError) {
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  const body = problemBody(problem, { requestId: String(request.id), instance: pathOf(request.url) });
  // Pre-serialized so no route's response schema can reshape or strip the problem's extensions.
  return reply.code(problem.status).type(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`).send(JSON.stringify(body));
}

function pathOf(url: string): string {
  return url.split('?')[0] ?? url;
}

export default fp(errorHandler, { name: 'error-handler', fastify: '5.x' });
