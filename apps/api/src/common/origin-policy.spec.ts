import { judgeOrigin, type RequestSource } from './origin-policy';

const from = (source: Partial<RequestSource>): RequestSource => ({
  origin: undefined,
  secFetchSite: undefined,
  host: '127.0.0.1:3000',
  ...source,
});

describe('judgeOrigin', () => {
  describe('with PUBLIC_URL', () => {
    const publicUrl = 'https://mockboard.example.com';

    it('accepts only the public origin', () => {
      expect(judgeOrigin(from({ origin: 'https://mockboard.example.com' }), publicUrl).allowed).toBe(true);
      for (const origin of [
        'https://evil.example',
        'http://mockboard.example.com',
        'https://mockboard.example.com:8443',
        'https://sub.mockboard.example.com',
        'null',
        'not a url',
      ]) {
        expect(judgeOrigin(from({ origin, host: 'mockboard.example.com' }), publicUrl)).toEqual({
          allowed: false,
          reason: `requests from ${origin} are not accepted`,
        });
      }
    });

    it('does not trust a Host header that matches a foreign Origin', () => {
      expect(
        judgeOrigin(from({ origin: 'https://evil.example', host: 'evil.example' }), publicUrl).allowed,
      ).toBe(false);
    });
  });

  describe('without PUBLIC_URL', () => {
    it("accepts the request's own origin, whatever host it reached us by", () => {
      expect(judgeOrigin(from({ origin: 'http://127.0.0.1:3000' }), null).allowed).toBe(true);
      expect(
        judgeOrigin(from({ origin: 'http://localhost:3000', host: 'localhost:3000' }), null).allowed,
      ).toBe(true);
      expect(judgeOrigin(from({ origin: 'https://mb.lan', host: 'mb.lan:443' }), null).allowed).toBe(true);
    });

    it('refuses any other origin', () => {
      for (const origin of [
        'https://evil.example',
        'http://127.0.0.1:5555',
        'http://localhost:3000',
        'null',
      ]) {
        expect(judgeOrigin(from({ origin }), null).allowed).toBe(false);
      }
      expect(judgeOrigin(from({ origin: 'http://127.0.0.1:3000', host: undefined }), null).allowed).toBe(
        false,
      );
    });
  });

  it('without Origin, refuses a Sec-Fetch-Site of another site and accepts our own', () => {
    expect(judgeOrigin(from({ secFetchSite: 'cross-site' }), null).allowed).toBe(false);
    expect(judgeOrigin(from({ secFetchSite: 'same-site' }), 'https://m.example').allowed).toBe(false);
    expect(judgeOrigin(from({ secFetchSite: 'same-origin' }), null).allowed).toBe(true);
    expect(judgeOrigin(from({ secFetchSite: 'none' }), 'https://m.example').allowed).toBe(true);
  });

  it('accepts a request with neither header (curl, scripts: they cannot carry a victim cookie)', () => {
    expect(judgeOrigin(from({}), 'https://m.example').allowed).toBe(true);
  });
});
