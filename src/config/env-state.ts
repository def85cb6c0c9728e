// Durable state (docs/state.md): where it lives, how long idempotency keys and audit entries are kept.
// Each setting carries its README description; the table there is generated from it (npm run docs:settings).
import { integer, optionalText, setting, text } from './env-fields.ts';

export const STATE_SETTINGS = {
  DATABASE_URL: setting(
    optionalText().refine((v) => v === undefined || /^postgres(ql)?:\/\/\S+$/i.test(v), {
      error: 'must be a postgres:// or postgresql:// URL',
    }),
    '`postgres://user:password@host:5432/db` (or `postgresql://`): keep the durable state (audit log, idempotency keys, managed domains) in PostgreSQL, shared by several replicas. Unset: an embedded SQLite store in `DATA_DIR`, for one process. Never logged. See [docs/state.md](docs/state.md).',
  ),
  DATA_DIR: setting(
    text('data'),
    "Directory of the embedded store (`state.sqlite`) and, in emulator mode, of the emulator's state; locked to one process (`service.lock`). The container sets `/var/lib/oss-cname-service`, a volume.",
  ),
  IDEMPOTENCY_TTL_HOURS: setting(
    integer(24, 1, 8_760),
    'How long an `Idempotency-Key` and its stored answer are kept; a retry after that runs as a new request.',
  ),
  IDEMPOTENCY_LEASE_MS: setting(
    integer(30_000, 1_000, 3_600_000),
    'How long a running request holds its `Idempotency-Key` without renewing it (it renews every third of it): after a crash, its retry runs once this passed.',
  ),
  AUDIT_RETENTION_DAYS: setting(
    integer(400, 1, 36_500),
    'Audit entries older than this are deleted (checked at start and hourly).',
  ),
};
