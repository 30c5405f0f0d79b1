import { aPollingRequest, aPollingTransport } from '../../test/support/engine-socket';
import { pausablePolling } from './pausable-polling';

/** A polling transport made pausable, and paused. */
function aPausedPolling() {
  const transport = aPollingTransport();
  const connection = pausablePolling(transport);
  connection.pause();
  return { transport, connection };
}

describe('pausablePolling', () => {
  it('leaves a POST waiting while paused and hands it on once resumed; GETs pass at once', () => {
    const { transport, connection } = aPausedPolling();
    const post = aPollingRequest('POST');
    const poll = aPollingRequest('GET');

    transport.onRequest(post);
    transport.onRequest(poll);
    expect(transport.handedOn).toEqual([poll]);
    expect(post.res.ended).toBe(false);

    connection.resume();
    expect(transport.handedOn).toEqual([poll, post]);
    // Resumed, requests go straight on again.
    const next = aPollingRequest('POST');
    transport.onRequest(next);
    expect(transport.handedOn.at(-1)).toBe(next);
    expect(transport.errors).toEqual([]);
  });

  it('refuses a second POST while one waits, as engine.io refuses overlapping POSTs', () => {
    const { transport, connection } = aPausedPolling();
    const first = aPollingRequest('POST');
    const overlapping = aPollingRequest('POST');
    transport.onRequest(first);
    transport.onRequest(overlapping);
    expect(overlapping.res).toMatchObject({ status: 400, ended: true });
    expect(transport.errors).toEqual(['data request overlap from client']);
    connection.resume();
    expect(transport.handedOn).toEqual([first]);
  });

  it('ends the transport when its client gives up on a waiting POST, and never hands that one on', () => {
    const { transport, connection } = aPausedPolling();
    const abandoned = aPollingRequest('POST');
    transport.onRequest(abandoned);
    abandoned.emit('close');
    expect(transport.errors).toEqual(['data request connection closed prematurely']);
    connection.resume();
    expect(transport.handedOn).toEqual([]);
  });

  it('forgets its listener on a POST it handed on: the request’s own close is engine.io’s business', () => {
    const { transport, connection } = aPausedPolling();
    const post = aPollingRequest('POST');
    transport.onRequest(post);
    connection.resume();
    post.emit('close');
    expect(transport.errors).toEqual([]);
  });
});
