import type { EngineKind } from '../types.ts';

/** One schema step. Versions only grow; a released migration is never edited, a new one is added. */
export interface Migration {
  version: number;
  name: string;
  /** The DDL for an engine; most statements are the same text for both. */
  statements(kind: EngineKind): string[];
}
