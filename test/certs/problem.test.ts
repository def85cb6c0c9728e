import { describe, expect, it } from 'vitest';
import {
  certIdProblem,
  certificateProblem,
  checkUploadedCertificate,
  normalizeCertId,
} from '../../src/certs/index.ts';
import { ProblemError } from '../../src/errors/problem.ts';
import { makeCertificate } from '../helpers/certs.ts';

describe('certificate check results as problems', () => {
  it('is undefined when nothing blocks the upload, warnings included', async () => {
    const material = await makeCertificate({ validity: 'expiring-soon' });
    const result = checkUploadedCertificate({
      certificatePem: material.chainPem,
      privateKeyPem: material.privateKeyPem,
      domain: 'example.com',
      now: new Date(),
    });
    expect(result.warnings).toHaveLength(1);
    expect(certificateProblem(result)).toBeUndefined();
  });

  it('uses the first error as the problem code and carries every issue', async () => {
    const material = await makeCertificate({ validity: 'expired' });
    const result = checkUploadedCertificate({
      certificatePem: material.chainPem,
      privateKeyPem: material.privateKeyPem,
      domain: 'www.example.org',
      now: new Date(),
    });
    const problem = certificateProblem(result);
    expect(problem).toBeInstanceOf(ProblemError);
    expect(problem?.status).toBe(422);
    expect(problem?.code).toBe('certificate-hostname-mismatch');
    expect(problem?.detail).toContain('(and 1 more problem(s), see certificateErrors)');
    expect(problem?.extensions.certificateErrors).toEqual(result.errors);
    expect(problem?.extensions.certificateWarnings).toEqual(result.warnings);
  });
});

describe('cert id results as problems', () => {
  it('is a 400 invalid-cert-id with the fix', () => {
    const problem = certIdProblem(normalizeCertId('19580016-cas.aliyuncs.com'));
    expect(problem?.status).toBe(400);
    expect(problem?.code).toBe('invalid-cert-id');
    expect(problem?.extensions.fix).toBe('Send "19580016-cn-hangzhou".');
  });

  it('is undefined for an accepted id', () => {
    expect(certIdProblem(normalizeCertId('19580016-cn-hangzhou'))).toBeUndefined();
  });
});
