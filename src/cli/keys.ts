// API key tool. `create` prints the new key alone on the first line (hand it to the caller, it is never
// stored) and, on the second, the one-line JSON entry to add to API_KEYS_FILE. `check` validates a key
// file before you send SIGHUP, with the same rules the service applies.
import { parseArgs } from 'node:util';
import { generateApiKey, hashApiKey } from '../auth/api-key.ts';
import { KeyFileError, keyEntrySchema, readKeyFile } from '../auth/key-file.ts';

const USAGE = `Usage:
  keys create --id NAME --buckets GLOBS --domains PATTERNS --actions ACTIONS [--description TEXT]
      GLOBS     bucket names or globs, comma-separated ('web-*,assets')
      PATTERNS  domains, '*.example.com' (sub-domains only, not the apex) or '*', comma-separated
      ACTIONS   cname:read, cname:write, cert:write, audit:read, webhooks:manage,
                comma-separated
  keys check FILE`;

function list(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function fail(message: string): never {
  process.stderr.write(`keys: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function create(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      id: { type: 'string' },
      buckets: { type: 'string', multiple: true },
      domains: { type: 'string', multiple: true },
      actions: { type: 'string', multiple: true },
      description: { type: 'string' },
    },
    strict: true,
  });
  if (!values.id) fail('--id is required');
  const key = generateApiKey();
  const candidate = {
    id: values.id,
    hash: hashApiKey(key),
    buckets: list(values.buckets),
    domains: list(values.domains),
    actions: list(values.actions),
    ...(values.description ? { description: values.description } : {}),
    createdAt: new Date().toISOString(),
  };
  for (const field of ['buckets', 'domains', 'actions'] as const) {
    if (candidate[field].length === 0) fail(`--${field} needs at least one value`);
  }
  const parsed = keyEntrySchema.safeParse(candidate);
  if (!parsed.success) {
    fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  process.stdout.write(`${key}\n${JSON.stringify(parsed.data)}\n`);
}

async function check(args: string[]): Promise<void> {
  const [file] = args;
  if (!file || args.length !== 1) fail('check takes one key file');
  try {
    const entries = await readKeyFile(file);
    process.stdout.write(`${file}: ${entries.length} key(s) valid\n`);
  } catch (error) {
    if (!(error instanceof KeyFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'create') create(rest);
  else if (command === 'check') await check(rest);
  else fail(command ? `unknown command "${command}"` : 'no command given');
} catch (error) {
  if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) fail((error as Error).message);
  throw error;
}
