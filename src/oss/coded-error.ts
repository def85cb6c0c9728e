// The shape most of the service's own failures share: a stable `code` that callers branch on instead of
// the message, and `name` taken from the class that was thrown, so a subclass states neither again.
// It lives in src/oss because src/oss imports nothing from the rest of src, and OssError is one of them.
export class CodedError<C extends string = string> extends Error {
  readonly code: C;

  constructor(code: C, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
