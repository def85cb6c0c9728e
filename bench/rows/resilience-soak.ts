// The soak under faults (issue "Reliability and security"): healthy, flaky, outage and recovered phases
// against the service and the emulator, 20 s by default (SOAK_SECONDS for longer). The module lives beside
// the fault tests whose helpers it uses; see test/resilience/soak.ts for what it checks.
export { run } from '../../test/resilience/soak.ts';
