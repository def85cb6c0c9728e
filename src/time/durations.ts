// Durations in milliseconds, the unit of every timer, schedule and setting in the service.
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export function hours(n: number): number {
  return n * HOUR_MS;
}

export function days(n: number): number {
  return n * DAY_MS;
}
