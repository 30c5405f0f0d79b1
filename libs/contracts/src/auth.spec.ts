import type { z } from 'zod';
import {
  ChangePasswordRequestSchema,
  DISPLAY_NAME_MAX_LENGTH,
  LoginRequestSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  RegisterRequestSchema,
  UpdateMeRequestSchema,
  type RegisterRequest,
} from './auth';

function aRegistration(
  overrides: Partial<Record<keyof RegisterRequest, unknown>> = {},
): Record<string, unknown> {
  return {
    email: 'ada@example.com',
    password: 'correct-horse-battery',
    displayName: 'Ada Lovelace',
    timezone: 'Europe/London',
    ...overrides,
  };
}

/** The failed fields as the API reports them: dotted path and message. */
function fieldErrors(result: z.ZodSafeParseResult<unknown>): Array<{ field: string; message: string }> {
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

describe('RegisterRequestSchema', () => {
  it('accepts a complete registration', () => {
    expect(RegisterRequestSchema.parse(aRegistration())).toEqual(aRegistration());
  });

  describe('email', () => {
    it.each(['not-an-email', 'ada@', '@example.com', 'ada example.com'])('rejects "%s"', (email) => {
      expect(fieldErrors(RegisterRequestSchema.safeParse(aRegistration({ email })))).toEqual([
        { field: 'email', message: 'must be a valid email address' },
      ]);
    });

    /** A syntactically valid address of exactly `length` characters (three 62-character domain labels). */
    function anEmailOfLength(length: number): string {
      const domain = `${['b', 'c', 'd'].map((label) => label.repeat(62)).join('.')}.com`;
      return `${'a'.repeat(length - domain.length - 1)}@${domain}`;
    }

    it('accepts an address of 254 characters', () => {
      const email = anEmailOfLength(254);

      expect(RegisterRequestSchema.parse(aRegistration({ email })).email).toBe(email);
    });

    it('rejects an address longer than 254 characters', () => {
      const email = anEmailOfLength(255);

      expect(fieldErrors(RegisterRequestSchema.safeParse(aRegistration({ email })))).toEqual([
        { field: 'email', message: 'must be a valid email address' },
      ]);
    });

    it('is required', () => {
      const { email: _email, ...withoutEmail } = aRegistration();

      expect(fieldErrors(RegisterRequestSchema.safeParse(withoutEmail))).toEqual([
        { field: 'email', message: 'must be a valid email address' },
      ]);
    });
  });

  describe('password', () => {
    it(`accepts exactly ${PASSWORD_MIN_LENGTH} characters`, () => {
      const password = 'p'.repeat(PASSWORD_MIN_LENGTH);

      expect(RegisterRequestSchema.parse(aRegistration({ password })).password).toBe(password);
    });

    it(`rejects a password shorter than ${PASSWORD_MIN_LENGTH} characters`, () => {
      const password = 'p'.repeat(PASSWORD_MIN_LENGTH - 1);

      expect(fieldErrors(RegisterRequestSchema.safeParse(aRegistration({ password })))).toEqual([
        { field: 'password', message: 'must be at least 10 characters' },
      ]);
    });

    it(`accepts exactly ${PASSWORD_MAX_LENGTH} characters`, () => {
      const password = 'p'.repeat(PASSWORD_MAX_LENGTH);

      expect(RegisterRequestSchema.parse(aRegistration({ password })).password).toBe(password);
    });

    it(`rejects a password longer than ${PASSWORD_MAX_LENGTH} characters`, () => {
      const password = 'p'.repeat(PASSWORD_MAX_LENGTH + 1);

      expect(fieldErrors(RegisterRequestSchema.safeParse(aRegistration({ password })))).toEqual([
        { field: 'password', message: 'must be at most 200 characters' },
      ]);
    });

    it('keeps surrounding spaces, because they are part of the secret', () => {
      const password = '  spaced secret  ';

      expect(RegisterRequestSchema.parse(aRegistration({ password })).password).toBe(password);
    });
  });

  describe('displayName', () => {
    it('is trimmed', () => {
      expect(RegisterRequestSchema.parse(aRegistration({ displayName: '   Ada   ' })).displayName).toBe(
        'Ada',
      );
    });

    it('accepts a single character', () => {
      expect(RegisterRequestSchema.parse(aRegistration({ displayName: 'A' })).displayName).toBe('A');
    });

    it.each(['', '     ', '\t\n'])('rejects a name that is empty after trimming (%j)', (displayName) => {
      expect(fieldErrors(RegisterRequestSchema.safeParse(aRegistration({ displayName })))).toEqual([
        { field: 'displayName', message: 'must not be empty' },
      ]);
    });

    it(`accepts ${DISPLAY_NAME_MAX_LENGTH} characters, counted after trimming`, () => {
      const name = 'n'.repeat(DISPLAY_NAME_MAX_LENGTH);

      expect(RegisterRequestSchema.parse(aRegistration({ displayName: `  ${name}  ` })).displayName).toBe(
        name,
      );
    });

    it(`rejects a name longer than ${DISPLAY_NAME_MAX_LENGTH} characters`, () => {
      const displayName = 'n'.repeat(DISPLAY_NAME_MAX_LENGTH + 1);

      expect(fieldErrors(RegisterRequestSchema.safeParse(aRegistration({ displayName })))).toEqual([
        { field: 'displayName', message: 'must be at most 60 characters' },
      ]);
    });
    it.each([
      ['a line break', 'Ada\nLovelace'],
      ['a carriage return', 'Ada\rLovelace'],
      ['a tab', 'Ada\tLovelace'],
      ['a NUL-like control', 'Ada\u0007'],
      ['a C1 control', 'Ada\u0085Lovelace'],
      ['a Unicode line separator', 'Ada\u2028Lovelace'],
      ['a Unicode paragraph separator', 'Ada\u2029Lovelace'],
    ])('rejects a name with %s, naming the rule', (_what, displayName) => {
      expect(fieldErrors(RegisterRequestSchema.safeParse(aRegistration({ displayName })))).toEqual([
        { field: 'displayName', message: 'must not contain line breaks, tabs or other control characters' },
      ]);
    });

    it.each(['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'])(
      'rejects the bidi control %j',
      (control) => {
        expect(
          fieldErrors(RegisterRequestSchema.safeParse(aRegistration({ displayName: `Ada${control}nimda` }))),
        ).toEqual([
          {
            field: 'displayName',
            message:
              'must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)',
          },
        ]);
      },
    );

    it.each([
      ['zero-width spaces', '\u200B\u200B\u200B'],
      ['zero-width joiners and a BOM', '\u200D\u200C\uFEFF'],
      ['zero-width and ordinary spaces', '\u200B \u200B\u00A0\u200B'],
      ['a Hangul filler', '\u3164'],
      ['a braille blank', '\u2800\u2800'],
      ['a combining grapheme joiner', '\u034F'],
      ['combining marks with no letter', '\u0301\u0308 \uFE0F'],
    ])('rejects a name made only of %s', (_what, displayName) => {
      expect(fieldErrors(RegisterRequestSchema.safeParse(aRegistration({ displayName })))).toEqual([
        { field: 'displayName', message: 'must contain at least one visible character' },
      ]);
    });

    it.each(['José Núñez', 'Jose\u0301', 'हिन्दी', '李小龍', 'محمد', 'Zoë 👩\u200D💻', 'O’Brien-Smith'])(
      'accepts %j',
      (displayName) => {
        expect(RegisterRequestSchema.parse(aRegistration({ displayName })).displayName).toBe(displayName);
      },
    );
  });

  describe('timezone', () => {
    it.each(['UTC', 'America/Los_Angeles', 'Asia/Tokyo'])('accepts the IANA zone %s', (timezone) => {
      expect(RegisterRequestSchema.parse(aRegistration({ timezone })).timezone).toBe(timezone);
    });

    it.each(['Moon/Tranquility_Base', 'PST', '+02:00'])('rejects %s', (timezone) => {
      expect(fieldErrors(RegisterRequestSchema.safeParse(aRegistration({ timezone })))).toEqual([
        { field: 'timezone', message: 'must be an IANA time zone such as "Europe/Berlin" or "UTC"' },
      ]);
    });
  });

  it('rejects unknown keys, so a client cannot smuggle in a role', () => {
    const result = RegisterRequestSchema.safeParse({ ...aRegistration(), role: 'admin' });

    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['role'] }),
    ]);
  });

  it('reports every missing field at once', () => {
    expect(fieldErrors(RegisterRequestSchema.safeParse({})).map((error) => error.field)).toEqual([
      'email',
      'password',
      'displayName',
      'timezone',
    ]);
  });
});

describe('LoginRequestSchema', () => {
  it('accepts an email and a password', () => {
    const login = { email: 'ada@example.com', password: 'x' };

    expect(LoginRequestSchema.parse(login)).toEqual(login);
  });

  it('accepts a password shorter than the registration minimum, so old accounts can still log in', () => {
    expect(LoginRequestSchema.safeParse({ email: 'ada@example.com', password: 'short' }).success).toBe(true);
  });

  it('rejects an empty password', () => {
    expect(fieldErrors(LoginRequestSchema.safeParse({ email: 'ada@example.com', password: '' }))).toEqual([
      { field: 'password', message: 'must not be empty' },
    ]);
  });

  it(`rejects a password longer than ${PASSWORD_MAX_LENGTH} characters`, () => {
    const password = 'p'.repeat(PASSWORD_MAX_LENGTH + 1);

    expect(LoginRequestSchema.safeParse({ email: 'ada@example.com', password }).success).toBe(false);
  });

  it('rejects unknown keys', () => {
    expect(
      LoginRequestSchema.safeParse({ email: 'ada@example.com', password: 'secret', remember: true }).success,
    ).toBe(false);
  });
});

describe('UpdateMeRequestSchema', () => {
  it('needs at least one field', () => {
    expect(fieldErrors(UpdateMeRequestSchema.safeParse({}))).toEqual([
      { field: '', message: 'send at least one of displayName, timezone, targetLevel, dateTimeLocale' },
    ]);
  });

  it('takes a date and time format as a canonical language tag, or null for the browser’s', () => {
    expect(UpdateMeRequestSchema.parse({ dateTimeLocale: 'EN-us' })).toEqual({ dateTimeLocale: 'en-US' });
    expect(UpdateMeRequestSchema.parse({ dateTimeLocale: null })).toEqual({ dateTimeLocale: null });
    for (const bad of ['not a locale', '', 'en_US_POSIX!']) {
      expect(fieldErrors(UpdateMeRequestSchema.safeParse({ dateTimeLocale: bad }))[0]?.field).toBe(
        'dateTimeLocale',
      );
    }
  });

  it('treats fields that are present but undefined as absent', () => {
    expect(UpdateMeRequestSchema.safeParse({ displayName: undefined, timezone: undefined }).success).toBe(
      false,
    );
  });

  it.each([
    { displayName: 'Grace' },
    { timezone: 'America/New_York' },
    { targetLevel: 'senior' },
    { displayName: 'Grace', timezone: 'UTC', targetLevel: 'staff' },
  ])('accepts %j', (body) => {
    expect(UpdateMeRequestSchema.parse(body)).toEqual(body);
  });

  it('trims the display name like registration does', () => {
    expect(UpdateMeRequestSchema.parse({ displayName: '  Grace  ' })).toEqual({ displayName: 'Grace' });
  });

  it('validates each field it is given', () => {
    expect(
      fieldErrors(
        UpdateMeRequestSchema.safeParse({ displayName: ' ', timezone: 'Nowhere/Land', targetLevel: 'cto' }),
      ),
    ).toEqual([
      { field: 'displayName', message: 'must not be empty' },
      { field: 'timezone', message: 'must be an IANA time zone such as "Europe/Berlin" or "UTC"' },
      { field: 'targetLevel', message: expect.stringContaining('expected one of') },
    ]);
  });

  it('applies the display name rules of registration', () => {
    expect(fieldErrors(UpdateMeRequestSchema.safeParse({ displayName: 'Eve\u202Eredmin' }))).toEqual([
      {
        field: 'displayName',
        message:
          'must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)',
      },
    ]);
    expect(fieldErrors(UpdateMeRequestSchema.safeParse({ displayName: '\u200B' }))).toEqual([
      { field: 'displayName', message: 'must contain at least one visible character' },
    ]);
  });

  it('rejects fields a user may not change about themselves', () => {
    const result = UpdateMeRequestSchema.safeParse({ displayName: 'Grace', role: 'admin' });

    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['role'] }),
    ]);
  });

  it('does not let an unknown key alone satisfy the at-least-one rule', () => {
    expect(UpdateMeRequestSchema.safeParse({ email: 'new@example.com' }).success).toBe(false);
  });
});

describe('ChangePasswordRequestSchema', () => {
  it('needs the current password and a new one of registration length', () => {
    expect(
      fieldErrors(ChangePasswordRequestSchema.safeParse({ currentPassword: '', newPassword: 'short' })),
    ).toEqual([
      { field: 'currentPassword', message: 'must not be empty' },
      { field: 'newPassword', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` },
    ]);
  });
});
