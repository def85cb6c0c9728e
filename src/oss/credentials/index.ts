export { type AlicloudCredentialClient, alicloudCredentials } from './alicloud.ts';
export {
  ECS_METADATA_CREDENTIALS_URL,
  EcsRamRoleFetcher,
  type EcsRamRoleOptions,
  ecsRamRoleCredentials,
} from './ecs-ram-role.ts';
export { environmentCredentials } from './environment.ts';
export { RefreshingCredentialsProvider, type RefreshingOptions } from './refreshing.ts';
export { staticCredentials } from './static.ts';
export { type Credentials, type CredentialsProvider, isCredentialsProvider } from './types.ts';
