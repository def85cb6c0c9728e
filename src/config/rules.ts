// Rules that involve more than one variable. Each returns the start-up error line it violates.
import { credentialsSource, usesRealOss } from './credentials-source.ts';
import type { Config } from './env-schema.ts';

export function crossFieldProblems(env: Config): string[] {
  const problems: string[] = [];
  const hasId = env.OSS_ACCESS_KEY_ID !== undefined;
  const hasSecret = env.OSS_ACCESS_KEY_SECRET !== undefined;
  if (hasId && !hasSecret) problems.push('OSS_ACCESS_KEY_SECRET: required when OSS_ACCESS_KEY_ID is set');
  if (hasSecret && !hasId) problems.push('OSS_ACCESS_KEY_ID: required when OSS_ACCESS_KEY_SECRET is set');
  if (env.OSS_SESSION_TOKEN !== undefined && !hasId) {
    problems.push('OSS_SESSION_TOKEN: only valid together with OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET');
  }
  problems.push(...providerProblems(env, hasId || hasSecret));
  if ((env.ACME_EAB_KID === undefined) !== (env.ACME_EAB_HMAC_KEY === undefined)) {
    problems.push('ACME_EAB_KID: external account binding needs both ACME_EAB_KID and ACME_EAB_HMAC_KEY');
  }
  const remote = usesRealOss(env);
  if (!remote && env.NODE_ENV === 'production') {
    problems.push(
      'OSS_ACCESS_KEY_ID: required when NODE_ENV=production; the embedded OSS emulator is for development only',
    );
  }
  if (remote && env.API_KEYS_FILE === undefined) {
    problems.push(
      'API_KEYS_FILE: required when OSS credentials are set; without it no caller could authenticate (create keys with npm run keys -- create)',
    );
  }
  if (!remote && env.PORT !== 0 && env.PORT === env.EMULATOR_PORT) {
    problems.push(`EMULATOR_PORT: must differ from PORT (both are ${env.PORT})`);
  }
  if (!remote && env.EMULATOR_PORT !== 0 && env.EMULATOR_PORT === env.EMULATOR_DNS_PORT) {
    problems.push(`EMULATOR_DNS_PORT: must differ from EMULATOR_PORT (both are ${env.EMULATOR_PORT})`);
  }
  return problems;
}

/** A provider that finds credentials itself must not sit beside a key pair it would silently ignore. */
function providerProblems(env: Config, hasKeyPart: boolean): string[] {
  const problems: string[] = [];
  const kind = credentialsSource(env);
  const chosen = env.OSS_CREDENTIALS_PROVIDER;
  if (chosen === 'static' && !hasKeyPart) {
    problems.push(
      'OSS_CREDENTIALS_PROVIDER: static needs OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET; set them, or leave the provider unset for emulator mode',
    );
  }
  if ((kind === 'ecs-ram-role' || kind === 'alicloud') && hasKeyPart) {
    problems.push(
      `OSS_ACCESS_KEY_ID: not used with OSS_CREDENTIALS_PROVIDER=${kind}; unset the key pair, or choose static or env`,
    );
  }
  if (kind !== 'ecs-ram-role') {
    for (const name of ['OSS_ECS_ROLE_NAME', 'OSS_ECS_METADATA_URL'] as const) {
      if (env[name] !== undefined)
        problems.push(`${name}: only used with OSS_CREDENTIALS_PROVIDER=ecs-ram-role`);
    }
  }
  return problems;
}
