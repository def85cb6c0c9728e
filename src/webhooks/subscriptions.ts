// Subscriptions in the store. Secrets are sealed with SECRETS_KEY (bound to the subscription's id, so a
// sealed value copied to another row does not open) and opened only to sign a delivery.
import { randomUUID } from 'node:crypto';
import type { DomainEventType } from '../domains/states.ts';
import { type Sealer, sealedKeyId } from '../secrets/index.ts';
import type { Queryable, Store } from '../store/index.ts';
import { generateSecret, rotateSecret, type SubscriptionSecrets } from './secret.ts';

export interface SubscriptionRecord {
  id: string;
  url: string;
  events: DomainEventType[];
  buckets: string[];
  creatorKeyId: string;
  status: 'active' | 'disabled';
  disabledReason: string | null;
  secretRotatedAt: Date | null;
  createdAt: Date;
}

interface SubscriptionRow extends Record<string, unknown> {
  id: string;
  url: string;
  events: string;
  buckets: string;
  creator_key_id: string;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_expires_at: number | string | null;
  secret_rotated_at: number | string | null;
  status: string;
  disabled_reason: string | null;
  created_at: number | string;
}

const COLUMNS =
  'id, url, events, buckets, creator_key_id, secret_sealed, previous_secret_sealed, previous_expires_at, secret_rotated_at, status, disabled_reason, created_at';

const time = (v: number | string | null) => (v === null ? null : new Date(Number(v)));
const context = (id: string, which: 'current' | 'previous') => `webhook:${id}:${which}`;

function newSubscriptionId(): string {
  return `wh_${randomUUID().replaceAll('-', '')}`;
}

export interface NewSubscription {
  url: string;
  events: DomainEventType[];
  buckets: string[];
  creatorKeyId: string;
}

export class WebhookSubscriptions {
  private readonly store: Store;
  private readonly sealerOrNone: Sealer | undefined;

  /** Without a sealer (production without SECRETS_KEY) subscriptions can be read, never created. */
  constructor(store: Store, sealer: Sealer | undefined) {
    this.store = store;
    this.sealerOrNone = sealer;
  }

  get canSeal(): boolean {
    return this.sealerOrNone !== undefined;
  }

  private get sealer(): Sealer {
    if (this.sealerOrNone === undefined) throw new Error('SECRETS_KEY is not set: secrets cannot be sealed');
    return this.sealerOrNone;
  }

  /** Saves a new subscription; the answer holds the one and only clear copy of its secret. */
  async create(input: NewSubscription, now: Date): Promise<SubscriptionRecord & { secret: string }> {
    const id = newSubscriptionId();
    const secret = generateSecret();
    await this.store.run(
      `INSERT INTO webhook_subscriptions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, NULL, 'active', NULL, $7)`,
      [
        id,
        input.url,
        JSON.stringify(input.events),
        JSON.stringify(input.buckets),
        input.creatorKeyId,
        this.sealer.seal(secret, context(id, 'current')),
        now.getTime(),
      ],
    );
    const record = await this.get(id);
    if (record === undefined) throw new Error(`subscription ${id} vanished after insert`);
    return { ...record, secret };
  }

  async get(id: string, q: Queryable = this.store): Promise<SubscriptionRecord | undefined> {
    const [row] = await q.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1`,
      [id],
    );
    return row === undefined ? undefined : toRecord(row);
  }

  async list(q: Queryable = this.store): Promise<SubscriptionRecord[]> {
    const rows = await q.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions ORDER BY created_at, id`,
    );
    return rows.map(toRecord);
  }

  /** Active subscriptions, for the fan-out. */
  async active(q: Queryable = this.store): Promise<SubscriptionRecord[]> {
    const rows = await q.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE status = 'active' ORDER BY id`,
    );
    return rows.map(toRecord);
  }

  /** Removes the subscription and its delivery log; false when there was none. */
  async delete(id: string): Promise<boolean> {
    return this.store.transaction(async (tx) => {
      await tx.run('DELETE FROM webhook_deliveries WHERE subscription_id = $1', [id]);
      return (await tx.run('DELETE FROM webhook_subscriptions WHERE id = $1', [id])) > 0;
    });
  }

  /** A new secret; the previous one keeps signing for 24 hours. Undefined when there is no such id. */
  async rotate(id: string, now: Date): Promise<(SubscriptionRecord & { secret: string }) | undefined> {
    const rotated = await this.store.transaction(async (tx) => {
      const current = await this.secretsIn(tx, id);
      if (current === undefined) return undefined;
      const next = rotateSecret(current, now);
      await tx.run(
        'UPDATE webhook_subscriptions SET secret_sealed = $2, previous_secret_sealed = $3, previous_expires_at = $4, secret_rotated_at = $5 WHERE id = $1',
        [
          id,
          this.sealer.seal(next.secret, context(id, 'current')),
          this.sealer.seal(current.secret, context(id, 'previous')),
          next.previousExpiresAt?.getTime() ?? null,
          now.getTime(),
        ],
      );
      return next.secret;
    });
    if (rotated === undefined) return undefined;
    const record = await this.get(id);
    return record === undefined ? undefined : { ...record, secret: rotated };
  }

  /** The clear secrets of a subscription, to sign with; undefined when it is gone. */
  async secrets(id: string): Promise<SubscriptionSecrets | undefined> {
    return this.secretsIn(this.store, id);
  }

  private async secretsIn(q: Queryable, id: string): Promise<SubscriptionSecrets | undefined> {
    const [row] = await q.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1`,
      [id],
    );
    if (row === undefined) return undefined;
    return {
      secret: this.sealer.open(row.secret_sealed, context(id, 'current')),
      previousSecret:
        row.previous_secret_sealed === null
          ? null
          : this.sealer.open(row.previous_secret_sealed, context(id, 'previous')),
      previousExpiresAt: time(row.previous_expires_at),
    };
  }

  async disable(q: Queryable, id: string, reason: string): Promise<void> {
    await q.run("UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = $2 WHERE id = $1", [
      id,
      reason,
    ]);
  }
}

/** The key ids the stored secrets were sealed with (assertSecretsKeyPresent at start). */
export async function storedSecretKeyIds(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ secret_sealed: string; previous_secret_sealed: string | null }>(
    'SELECT secret_sealed, previous_secret_sealed FROM webhook_subscriptions',
  );
  const ids = new Set<string>();
  for (const row of rows) {
    for (const sealed of [row.secret_sealed, row.previous_secret_sealed]) {
      const id = sealed === null ? undefined : sealedKeyId(sealed);
      if (id !== undefined) ids.add(id);
    }
  }
  return [...ids];
}

function toRecord(row: SubscriptionRow): SubscriptionRecord {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as DomainEventType[],
    buckets: JSON.parse(row.buckets) as string[],
    creatorKeyId: row.creator_key_id,
    status: row.status === 'disabled' ? 'disabled' : 'active',
    disabledReason: row.disabled_reason,
    secretRotatedAt: time(row.secret_rotated_at),
    createdAt: new Date(Number(row.created_at)),
  };
}
