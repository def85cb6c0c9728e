export { type Pebble, type PebbleOptions, startPebble } from './start-pebble.ts';
