// If-Match / If-None-Match on bindings, checked against the state just read, before OSS is asked to change it.
import { problem } from '../../errors/problem.ts';
import type { CnameInfo } from '../../oss/index.ts';
import type { RequestedCertificate } from './certificate-input.ts';
import { bindingEtag, ifMatchHolds, ifNoneMatchHolds } from './etag.ts';
import { sameCertificate } from './put-plan.ts';

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

/**
 * After PutCname: the certificate read back must be the one this request sent. Another writer that got
 * in between won; this request is the loser and says so instead of reporting a change that did not stay.
 */
export function checkReadBack(
  domain: string,
  after: CnameInfo,
  sent: RequestedCertificate | undefined,
): void {
  if (sent === undefined || sameCertificate(after, sent)) return;
  const currentEtag = bindingEtag(after);
  throw problem(
    'precondition-failed',
    `Another request changed the certificate of ${domain} at the same time (now ${currentEtag}); GET the binding, check it, then retry with its ETag.`,
    { headers: { etag: currentEtag }, extensions: { currentEtag } },
  );
}
