// What a receiver's answer means for the delivery: 2xx delivered; 410 Gone disables the subscription;
// anything else (3xx included: redirects are never followed) is retried by the schedule.
export type DeliveryVerdict = 'delivered' | 'disable' | 'retry';

export function classifyStatus(status: number): DeliveryVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'disable';
  return 'retry';
}
