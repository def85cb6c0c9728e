// The error answers the emulator gives, as OSS gives them: status, Code, Message and EC, one entry a
// situation in oss-errors.json (docs/emulator.md tables them). `sourced` marks an EC taken from the OSS EC
// pages or the protocol reference; the others are the emulator's choice in the same family. Messages
// name their parameters as `{name}`; the extra elements of the `<Error>` document are the caller's.
import { z } from 'zod';
import { OssErrorReply } from './oss-error.ts';
import ENTRIES from './oss-errors.json' with { type: 'json' };

const EntrySchema = z.strictObject({
  status: z.number().int().min(400).max(599),
  code: z.string().min(1),
  message: z.string().min(1),
  ec: z.string().regex(/^\d{4}-\d{8}$/),
  sourced: z.boolean(),
  /** Where the source says more, or what the emulator assumed. */
  note: z.string().optional(),
});

export type OssErrorName = keyof typeof ENTRIES;

// A malformed entry fails when the emulator loads, not in the middle of an answer.
const TABLE = z.record(z.string(), EntrySchema).parse(ENTRIES) as Record<
  OssErrorName,
  z.infer<typeof EntrySchema>
>;

export type Extras = ReadonlyArray<readonly [string, string]>;

export interface ReplyOptions {
  /** The values of the message's `{name}` parameters. */
  params?: Readonly<Record<string, string | number>>;
  /** Elements between HostId and EC, in wire order. */
  extras?: Extras;
  /** An EC other than the entry's, where one situation has several (certificate arguments). */
  ec?: string;
}

export function ossErrorReply(name: OssErrorName, options: ReplyOptions = {}): OssErrorReply {
  const entry = TABLE[name];
  const message = entry.message.replace(/\{(\w+)\}/g, (_, key: string) => String(options.params?.[key]));
  return new OssErrorReply({
    status: entry.status,
    code: entry.code,
    message,
    ec: options.ec ?? entry.ec,
    extras: options.extras ?? [],
  });
}
