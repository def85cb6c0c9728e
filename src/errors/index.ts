// Public face of src/errors: the problem catalogue, the one builder, and the mappings into problems.
export { isProblemCode, PROBLEM_CATALOGUE, PROBLEM_CODES, type ProblemCode } from './catalogue.ts';
export {
  PROBLEM_CONTENT_TYPE,
  ProblemError,
  type ProblemExtensions,
  type ProblemOptions,
  problem,
  problemType,
} from './problem.ts';
export type { ProblemDefinition } from './problem-definition.ts';
