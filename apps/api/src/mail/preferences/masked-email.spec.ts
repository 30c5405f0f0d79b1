import { maskedEmail } from './masked-email';

describe('maskedEmail', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskedEmail('ada@example.com')).toBe('a***@example.com');
    expect(maskedEmail('x@example.org')).toBe('x***@example.org');
  });

  it('hides an address without a local part entirely', () => {
    expect(maskedEmail('@example.com')).toBe('***');
    expect(maskedEmail('nonsense')).toBe('***');
  });
});
