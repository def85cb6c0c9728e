// Stored subscriptions and deliveries as the API shows them, and who may manage which subscription.
import type { FastifyRequest } from 'fastify';
import { actionNotAllowed, missingApiKey } from '../auth/problems.ts';
import type { Principal } from '../auth/types.ts';
import type { DeliveryRecord } from './deliveries.ts';
import { globsWithin } from './matching.ts';
import type { WebhookDeliveryView, WebhookSubscriptionView } from './resource.ts';
import type { SubscriptionRecord } from './subscriptions.ts';

export function subscriptionView(s: SubscriptionRecord): WebhookSubscriptionView {
  return {
    id: s.id,
    url: s.url,
    events: s.events,
    buckets: s.buckets,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
    secretRotatedAt: s.secretRotatedAt?.toISOString() ?? null,
  };
}

export function deliveryView(d: DeliveryRecord): WebhookDeliveryView {
  return {
    id: d.eventId,
    eventType: d.eventType,
    state: d.state,
    attempts: d.attempts,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: d.state === 'pending' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
  };
}

/** The caller, who must hold `webhooks:manage`. */
export function webhookManager(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (principal === undefined) throw missingApiKey();
  if (!principal.scopes.actions.includes('webhooks:manage')) throw actionNotAllowed('webhooks:manage');
  return principal;
}

/** A key manages the subscriptions whose every bucket glob lies within its own bucket scope. */
export function canManage(principal: Principal, s: SubscriptionRecord): boolean {
  return globsWithin(s.buckets, principal.scopes.buckets);
}
