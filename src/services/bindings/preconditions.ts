// If-Match / If-None-Match on bindings, checked against the state just read, before OSS is asked to change it.
import { problem } from '../../errors/problem.ts';
import type { CnameInfo } from '../../oss/index.ts';
import { bindingEtag, ifMatchHolds, ifNoneMatchHolds } from './etag.ts';

export interface Preconditions {
  ifMatch?: string | undefined;
  ifNoneMatch?: string | undefined;
}

export function checkPreconditions(domain: string, current: CnameInfo | undefined, pre: Preconditions): void {
  const currentEtag = current ? bindingEtag(current) : undefined;
  if (pre.ifMatch !== undefined && !ifMatchHolds(pre.ifMatch, current)) {
    throw problem(
      'precondition-failed',
      current
        ? `If-Match ${pre.ifMatch} does not match the current ETag ${currentEtag} of ${domain}; GET the binding, check it, then retry with its ETag.`
        : `If-Match was sent but ${domain} is not bound; drop If-Match to create the binding.`,
      {
        headers: currentEtag ? { etag: currentEtag } : undefined,
        extensions: { currentEtag: currentEtag ?? null },
      },
    );
  }
  if (pre.ifNoneMatch !== undefined && !ifNoneMatchHolds(pre.ifNoneMatch, current)) {
    throw problem(
      'precondition-failed',
      `${domain} is already bound (ETag ${currentEtag}) and If-None-Match forbids changing it.`,
      {
        headers: currentEtag ? { etag: currentEtag } : undefined,
        extensions: { currentEtag: currentEtag ?? null },
      },
    );
  }
}
