// The DNS pre-flight of a domain on a bucket, bound or not.
export { ChecksService } from './checks-service.ts';
