// A real, throwaway PostgreSQL for the test run (test/helpers/postgres-cluster.ts), stopped at teardown.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './helpers/postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL; tests create their own databases in it. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.destroy();
}
