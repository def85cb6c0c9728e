// The parts of Alidns's answers the client reads, checked with zod so a surprise in the wire format is
// a clear AlidnsBadResponseError instead of undefined further on.

import { z } from 'zod';

/** Alidns's numeric RecordId: accepted as a string or number, kept as a string (it exceeds 2^53). */
const recordId = z.union([z.string().min(1), z.number().int().transform(String)]);

export const addRecordResponse = z.object({ RecordId: recordId, RequestId: z.string() });
export const deleteRecordResponse = z.object({ RecordId: recordId.optional(), RequestId: z.string() });

const domainRecordSchema = z.object({
  RecordId: recordId,
  DomainName: z.string(),
  RR: z.string(),
  Type: z.string(),
  Value: z.string(),
  TTL: z.number(),
  Line: z.string().optional(),
  Status: z.string().optional(),
  Locked: z.boolean().optional(),
});

export const describeRecordsResponse = z.object({
  RequestId: z.string(),
  TotalCount: z.number().int(),
  PageNumber: z.number().int(),
  PageSize: z.number().int(),
  DomainRecords: z.object({ Record: z.array(domainRecordSchema) }),
});

export interface DomainRecord {
  recordId: string;
  domainName: string;
  rr: string;
  type: string;
  value: string;
  ttl: number;
  line: string | undefined;
  status: string | undefined;
}

export interface RecordPage {
  requestId: string;
  totalCount: number;
  pageNumber: number;
  pageSize: number;
  records: DomainRecord[];
}
