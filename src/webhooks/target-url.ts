// A subscription's URL, checked when it is saved: what can be told without DNS. Names are checked again
// at every connection (guarded-agent.ts), since what they resolve to can change.
import { isForbiddenAddress } from './addresses.ts';

export interface UrlProblem {
  code: 'invalid-webhook-url' | 'webhook-target-forbidden';
  detail: string;
}

export function checkWebhookUrl(text: string, allowPrivateNetworks: boolean): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { code: 'invalid-webhook-url', detail: 'The webhook URL is not a valid absolute URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { code: 'invalid-webhook-url', detail: 'The webhook URL must use https (or http).' };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      code: 'invalid-webhook-url',
      detail: 'The webhook URL may not carry credentials; the signature authenticates us.',
    };
  }
  if (url.hash !== '')
    return { code: 'invalid-webhook-url', detail: 'The webhook URL may not have a fragment.' };
  if (!allowPrivateNetworks && (isForbiddenAddress(url.hostname) || url.hostname === 'localhost')) {
    return {
      code: 'webhook-target-forbidden',
      detail: `${url.hostname} is an internal address; webhooks reach public addresses only.`,
    };
  }
  return null;
}
