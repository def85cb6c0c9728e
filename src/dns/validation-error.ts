// Thrown for names or records the DNS cannot carry; the emulator's admin API turns it into a 400.

export type DnsValidationCode = 'DNS_INVALID_NAME' | 'DNS_INVALID_RECORD';

export class DnsValidationError extends Error {
  readonly code: DnsValidationCode;
  /** Which input was wrong: 'name', 'type', 'ttl', 'values[2]', … */
  readonly field: string;

  constructor(code: DnsValidationCode, field: string, message: string) {
    super(message);
    this.name = 'DnsValidationError';
    this.code = code;
    this.field = field;
  }
}
