export { findPebble } from './process.ts';
export { type Pebble, type PebbleOptions, startPebble } from './start-pebble.ts';
