// DNS over TCP prefixes each message with its 16-bit length (RFC 1035 §4.2.2); a stream chunk may hold
// part of a message or several. This collects chunks and yields whole messages.

export class TcpFrameReader {
  #pending: Buffer = Buffer.alloc(0);

  /** Adds a chunk and returns every message it completed. */
  push(chunk: Buffer): Buffer[] {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const messages: Buffer[] = [];
    while (this.#pending.length >= 2) {
      const length = this.#pending.readUInt16BE(0);
      if (this.#pending.length < 2 + length) break;
      messages.push(this.#pending.subarray(2, 2 + length));
      this.#pending = this.#pending.subarray(2 + length);
    }
    return messages;
  }
}

/** A message with its length prefix, ready to write to a TCP stream. */
export function frame(message: Buffer): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(message.length);
  return Buffer.concat([prefix, message]);
}
