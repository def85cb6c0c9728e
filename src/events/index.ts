// The outbox of domain events: written with the change, delivered (as webhooks) afterwards.
export {
  appendEvents,
  eventsAfter,
  eventsOfDomain,
  newEventId,
  type OutboxEvent,
  type StoredEvent,
} from './outbox.ts';
