// Thrown for names or records the DNS cannot carry; the emulator's admin API turns it into a 400.
import { CodedError } from '../oss/coded-error.ts';

export type DnsValidationCode = 'DNS_INVALID_NAME' | 'DNS_INVALID_RECORD';

export class DnsValidationError extends CodedError<DnsValidationCode> {
  /** Which input was wrong: 'name', 'type', 'ttl', 'values[2]', … */
  readonly field: string;

  constructor(code: DnsValidationCode, field: string, message: string) {
    super(code, message);
    this.field = field;
  }
}
