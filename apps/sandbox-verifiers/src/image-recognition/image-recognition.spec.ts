import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { encode } from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACE_PATH, faceRequest, fixtures, startTestSandbox, type TestSandbox } from '../testing/test-sandbox.fixture.js';
import { faceSimilarity } from './face-similarity.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ env: { SANDBOX_RATE_LIMIT_PER_MINUTE: '0', SANDBOX_TIMEOUT_DELAY_MS: '20' } });
});
afterAll(() => sandbox.close());

const p01 = fixtures.person('p01-happy');

async function recognise(request: object) {
  const { status, body } = await sandbox.post(FACE_PATH, request);
  return { status, response: body.Response };
}

describe('POST /faceid/v1/image-recognition', () => {
  it('answers Success, billed, with a high Sim for a live selfie of the same person', async () => {
    const { status, response } = await recognise(faceRequest(p01));
    expect(status).toBe(200);
    expect(response).toMatchObject({ Result: 'Success', LivenessVerdict: 'PASS', Description: '成功', Billed: true });
    expect(response.Sim).toBeGreaterThanOrEqual(85);
    expect(response.Sim).toBeLessThan(99);
  });

  it('scores the same bytes the same every time, and other bytes of the same face differently but still high', async () => {
    const first = await recognise(faceRequest(p01));
    const again = await recognise(faceRequest(p01));
    const authorityPhoto = await recognise(faceRequest(p01, p01.authority!.photo));
    expect(again.response.Sim).toBe(first.response.Sim);
    expect(authorityPhoto.response.Result).toBe('Success');
    expect(authorityPhoto.response.Sim).not.toBe(first.response.Sim);
  });

  it('answers CompareLowSimilarity, billed, for another face: a stranger or another fixture person', async () => {
    for (const photo of ['stranger-01.jpg', 'stranger-02.jpg', fixtures.person('p02-happy').selfie]) {
      const { response } = await recognise(faceRequest(p01, photo));
      expect(response).toMatchObject({ Result: 'FailedOperation.CompareLowSimilarity', LivenessVerdict: 'PASS', Billed: true });
      expect(response.Sim).toBeGreaterThanOrEqual(5);
      expect(response.Sim).toBeLessThan(30);
    }
  });

  it('treats a real JPEG without a face marker as no face: low similarity', async () => {
    const { response } = await recognise(faceRequest(p01, 'no-face.jpg'));
    expect(response.Result).toBe('FailedOperation.CompareLowSimilarity');
    expect(response.Sim).toBeLessThan(30);
  });

  it('fails liveness for a spoof photo even when the face matches and the SDK score is high', async () => {
    const { response } = await recognise(faceRequest(p01, 'spoof-of-p01-happy.jpg', 99));
    expect(response).toMatchObject({ Result: 'FailedOperation.LivessDetectFail', LivenessVerdict: 'FAIL', Billed: true });
    expect(response.Sim).toBeGreaterThanOrEqual(85);
    const p10 = await recognise(faceRequest(fixtures.person('p10-face-spoof')));
    expect(p10.response).toMatchObject({ Result: 'FailedOperation.LivessDetectFail', LivenessVerdict: 'FAIL' });
  });

  it('fails liveness when the SDK reports LivenessScore below 50, and passes at 50 or without a score', async () => {
    expect((await recognise(faceRequest(p01, p01.selfie, 49.9))).response).toMatchObject({
      Result: 'FailedOperation.LivessDetectFail',
      LivenessVerdict: 'FAIL',
    });
    expect((await recognise(faceRequest(p01, p01.selfie, 50))).response).toMatchObject({ Result: 'Success', LivenessVerdict: 'PASS' });
    expect((await recognise(faceRequest(p01, p01.selfie, undefined))).response).toMatchObject({ Result: 'Success', LivenessVerdict: 'PASS' });
  });

  it('answers IdNoExistSystem, not billed, Sim 0, when the authority has no record', async () => {
    const { response } = await recognise(faceRequest(fixtures.person('p06-no-record')));
    expect(response).toMatchObject({ Result: 'FailedOperation.IdNoExistSystem', Sim: 0, Billed: false });
  });

  it('answers IdNameMisMatch for the wrong name and IdFormatError for a malformed ID number', async () => {
    expect((await recognise(faceRequest(fixtures.person('p05-name-mismatch')))).response).toMatchObject({
      Result: 'FailedOperation.IdNameMisMatch',
      Sim: 0,
      Billed: true,
    });
    const badId = { ...faceRequest(p01), IdCard: fixtures.malformed('m01-id-check-digit').value };
    expect((await recognise(badId)).response).toMatchObject({ Result: 'FailedOperation.IdFormatError', Sim: 0, Billed: false });
  });

  it('answers HTTP 400 ImageDecodeFailed for anything that is not a whole JPEG', async () => {
    const jpeg = readFileSync(p01.selfiePath);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const notJpegs = [
      png.toString('base64'),
      jpeg.subarray(0, jpeg.length - 2).toString('base64'), // no EOI
      jpeg.subarray(0, 200).toString('base64'), // truncated
      Buffer.from([0xff, 0xd8, 0xff, 0xd9]).toString('base64'), // SOI/EOI but no image
      `${jpeg.toString('base64')}!`, // not base64
      jpeg.toString('base64').replace(/=+$/, ''), // unpadded
      `data:image/jpeg;base64,${jpeg.toString('base64')}`,
    ];
    for (const ImageBase64 of notJpegs) {
      const { status, response } = await recognise({ ...faceRequest(p01), ImageBase64 });
      expect(status).toBe(400);
      expect(response.Error).toEqual({ Code: 'InvalidParameterValue.ImageDecodeFailed', Message: expect.any(String) });
      expect(response.RequestId).toEqual(expect.any(String));
    }
  });

  it('reads the face marker of a JPEG from another encoder (jpeg-js writing the comment itself)', async () => {
    const pixels = { width: 8, height: 8, data: Buffer.alloc(8 * 8 * 4, 128), comments: [`face:${p01.key}`] };
    const { response } = await recognise({ ...faceRequest(p01), ImageBase64: encode(pixels, 75).data.toString('base64') });
    expect(response.Result).toBe('Success');
  });

  it('gives every fixture person the outcome identities.json promises for their own selfie', async () => {
    for (const person of fixtures.people) {
      const expected = person.expected.imageRecognition;
      const { status, response } = await recognise(faceRequest(person));
      if (expected.status === 200) {
        expect([person.key, status, response.Result, response.Billed, response.LivenessVerdict]).toEqual([
          person.key,
          200,
          expected.result,
          expected.billed,
          expected.livenessVerdict,
        ]);
      } else {
        expect([person.key, status, response.Error.Code]).toEqual([person.key, expected.status, expected.errorCode]);
      }
    }
  });
});

describe('faceSimilarity', () => {
  it('is 85-99 for the same face and 5-30 otherwise, whatever the bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        fc.uint8Array({ maxLength: 64 }),
        (authority, submitted, bytes) => {
          const same = faceSimilarity(authority, authority, bytes);
          expect(same).toBeGreaterThanOrEqual(85);
          expect(same).toBeLessThan(99);
          expect(Number(same.toFixed(2))).toBe(same); // two decimals, like Tencent
          if (submitted !== authority) {
            const other = faceSimilarity(authority, submitted, bytes);
            expect(other).toBeGreaterThanOrEqual(5);
            expect(other).toBeLessThan(30);
          }
        },
      ),
    );
  });
});
