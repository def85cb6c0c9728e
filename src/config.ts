// Reads the environment once, checks it against the one schema, and returns either the Config every
// part of the service receives (the variables under their own names) or one line per bad variable for the
// start-up error.
import { type Config, envSchema, SECRET_VARIABLES } from './config/env-schema.ts';
import { crossFieldProblems } from './config/rules.ts';

export type { Config } from './config/env-schema.ts';

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const raw = env[name];
      const shown = raw === undefined || SECRET_VARIABLES.has(name) ? '' : ` (got ${JSON.stringify(raw)})`;
      return `${name}: ${issue.message}${shown}`;
    });
    return { ok: false, errors: [...new Set(errors)] };
  }
  const problems = crossFieldProblems(parsed.data);
  if (problems.length > 0) return { ok: false, errors: problems };
  return { ok: true, config: parsed.data };
}
