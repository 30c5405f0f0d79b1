import { createHmac } from 'node:crypto';
import type { CallJoinAck } from '@mockboard/contracts';
import type { CallConfig } from '../config/app-config';

export type IceConfiguration = Pick<CallJoinAck, 'iceServers' | 'iceTransportPolicy' | 'credentialsExpireAt'>;

/**
 * The ICE servers one user's browser gets on call:join. TURN credentials follow coturn's REST
 * shared-secret scheme (`use-auth-secret`): the username is `<expiry unix seconds>:<userId>` and
 * the credential base64(HMAC-SHA1(secret, username)), so coturn checks them without asking us and
 * refuses them after the expiry. The user id in the name shows in coturn's log whose relay it is.
 */
export function iceConfigurationFor(config: CallConfig, userId: string, now: Date): IceConfiguration {
  const iceServers: IceConfiguration['iceServers'] = [];
  if (config.stunUrls.length > 0) iceServers.push({ urls: config.stunUrls });
  if (!config.turn)
    return { iceServers, iceTransportPolicy: config.iceTransportPolicy, credentialsExpireAt: null };
  const expiresAt = Math.floor(now.getTime() / 1000) + config.turn.credentialTtlSeconds;
  const username = `${expiresAt}:${userId}`;
  const credential = createHmac('sha1', config.turn.secret).update(username).digest('base64');
  iceServers.push({ urls: config.turn.urls, username, credential });
  return {
    iceServers,
    iceTransportPolicy: config.iceTransportPolicy,
    credentialsExpireAt: new Date(expiresAt * 1000).toISOString(),
  };
}
