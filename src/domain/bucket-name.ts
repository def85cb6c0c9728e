// OSS bucket names (as the official SDKs check them client-side): 3-63 characters of [a-z0-9-],
// not starting or ending with a hyphen.
export const BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
