import { createHmac } from 'node:crypto';
import { CallJoinAckSchema } from '@mockboard/contracts';
import type { CallConfig } from '../config/app-config';
import { iceConfigurationFor } from './ice-servers';

const USER_ID = '7f1d5c2a-0b4e-4c8e-9a51-2f3b6d7e8a90';
/** 2025-12-05T01:50:00Z: with a ten-minute lifetime, the credentials expire at 1764900000. */
const NOW = new Date('2025-12-05T01:50:00.000Z');

function aCallConfig(overrides: Partial<CallConfig> = {}): CallConfig {
  return { stunUrls: [], turn: null, iceTransportPolicy: 'all', ...overrides };
}

const withTurn = aCallConfig({
  stunUrls: ['stun:stun.example.com:3478'],
  turn: {
    urls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349?transport=tcp'],
    secret: 'north-wind-turn-secret',
    credentialTtlSeconds: 600,
  },
});

describe('iceConfigurationFor', () => {
  it('hands out no servers and no expiry without configuration: host candidates connect on a LAN', () => {
    expect(iceConfigurationFor(aCallConfig(), USER_ID, NOW)).toEqual({
      iceServers: [],
      iceTransportPolicy: 'all',
      credentialsExpireAt: null,
    });
  });

  it('hands out STUN servers as they are, with no credentials', () => {
    const stunOnly = aCallConfig({ stunUrls: ['stun:a.example.com', 'stuns:b.example.com:5349'] });
    expect(iceConfigurationFor(stunOnly, USER_ID, NOW).iceServers).toEqual([
      { urls: ['stun:a.example.com', 'stuns:b.example.com:5349'] },
    ]);
  });

  it('issues coturn REST credentials: `<expiry>:<userId>` signed with HMAC-SHA1 of the shared secret', () => {
    const ice = iceConfigurationFor(withTurn, USER_ID, NOW);
    expect(ice).toEqual({
      iceServers: [
        { urls: ['stun:stun.example.com:3478'] },
        {
          urls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349?transport=tcp'],
          username: `1764900000:${USER_ID}`,
          // printf '1764900000:<USER_ID>' | openssl dgst -sha1 -hmac 'north-wind-turn-secret' -binary | base64
          credential: 'qcup7xeilOgfenTyAr4rW4ZXMoY=',
        },
      ],
      iceTransportPolicy: 'all',
      credentialsExpireAt: '2025-12-05T02:00:00.000Z',
    });
  });

  it('signs every user and moment apart, and expires a lifetime after now', () => {
    const later = new Date(NOW.getTime() + 3_600_000);
    const otherUser = 'c0ffee00-1111-4222-8333-444455556666';
    const turn = (ice: ReturnType<typeof iceConfigurationFor>) => ice.iceServers[1]!;
    const a = turn(iceConfigurationFor(withTurn, USER_ID, NOW));
    const b = turn(iceConfigurationFor(withTurn, otherUser, later));
    expect(b.username).toBe(`${1764900000 + 3600}:${otherUser}`);
    expect(b.credential).toBe(
      createHmac('sha1', 'north-wind-turn-secret').update(b.username!).digest('base64'),
    );
    expect(b.credential).not.toBe(a.credential);
  });

  it('passes the relay policy on, and its answer fits the call:join ack', () => {
    const ice = iceConfigurationFor({ ...withTurn, iceTransportPolicy: 'relay' }, USER_ID, NOW);
    expect(ice.iceTransportPolicy).toBe('relay');
    expect(CallJoinAckSchema.safeParse({ ok: true, ...ice, peers: [] }).success).toBe(true);
  });
});
