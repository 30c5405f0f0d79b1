import { RoleSchema, TargetLevelSchema, TimeZoneSchema, isIanaTimeZone } from './common';

describe('isIanaTimeZone', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires', 'UTC'])(
    'accepts the IANA zone %s',
    (zone) => {
      expect(isIanaTimeZone(zone)).toBe(true);
    },
  );

  it.each(['Mars/Olympus_Mons', 'Europe/Atlantis', 'Not a zone/at all'])(
    'rejects %s, which has a slash but is not a zone the runtime knows',
    (zone) => {
      expect(isIanaTimeZone(zone)).toBe(false);
    },
  );

  // Intl also knows abbreviations and offsets, but they are ambiguous or ignore daylight saving.
  it.each(['EST', 'CET', 'GMT', 'utc', '+01:00', ''])('rejects the abbreviation or offset "%s"', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});

describe('TimeZoneSchema', () => {
  it('accepts an IANA zone unchanged', () => {
    expect(TimeZoneSchema.parse('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('rejects an unknown zone with a message that shows what a zone looks like', () => {
    const result = TimeZoneSchema.safeParse('Mars/Olympus_Mons');

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'must be an IANA time zone such as "Europe/Berlin" or "UTC"',
    ]);
  });

  it('rejects a string longer than 64 characters', () => {
    expect(TimeZoneSchema.safeParse(`Europe/${'x'.repeat(60)}`).success).toBe(false);
  });

  it('rejects a value that is not a string', () => {
    expect(TimeZoneSchema.safeParse(1).success).toBe(false);
  });
});

describe('TargetLevelSchema', () => {
  it.each(['junior', 'mid', 'senior', 'staff'])('accepts the level %s', (level) => {
    expect(TargetLevelSchema.parse(level)).toBe(level);
  });

  it.each(['principal', 'Senior', ''])('rejects "%s"', (level) => {
    expect(TargetLevelSchema.safeParse(level).success).toBe(false);
  });
});

describe('RoleSchema', () => {
  it.each(['member', 'admin'])('accepts the role %s', (role) => {
    expect(RoleSchema.parse(role)).toBe(role);
  });

  it('rejects a role that does not exist', () => {
    expect(RoleSchema.safeParse('owner').success).toBe(false);
  });
});

describe('isIanaTimeZone spelling', () => {
  it('accepts only the canonical letter case of a zone', () => {
    expect(isIanaTimeZone('Europe/Berlin')).toBe(true);
    expect(isIanaTimeZone('europe/berlin')).toBe(false);
  });
});
