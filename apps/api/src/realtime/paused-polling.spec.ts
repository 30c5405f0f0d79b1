import { aPollingRequest, aPollingTransport } from '../../test/support/engine-socket';
import { pausablePolling } from './paused-polling';

describe('pausablePolling', () => {
  it('leaves POSTs waiting while paused and hands them on in order once resumed; GETs pass at once', () => {
    const transport = aPollingTransport();
    const connection = pausablePolling(transport);
    const first = aPollingRequest('POST');
    const poll = aPollingRequest('GET');
    const second = aPollingRequest('POST');

    connection.pause();
    transport.onRequest(first);
    transport.onRequest(poll);
    transport.onRequest(second);
    expect(transport.handedOn).toEqual([poll]);

    connection.resume();
    expect(transport.handedOn).toEqual([poll, first, second]);
    // Resumed, requests go straight on again.
    const third = aPollingRequest('POST');
    transport.onRequest(third);
    expect(transport.handedOn.at(-1)).toBe(third);
    expect(transport.errors).toEqual([]);
  });

  it('ends the transport when its client gives up on a waiting POST, and never hands that one on', () => {
    const transport = aPollingTransport();
    const connection = pausablePolling(transport);
    const abandoned = aPollingRequest('POST');
    connection.pause();
    transport.onRequest(abandoned);
    abandoned.emit('close');
    expect(transport.errors).toEqual(['data request connection closed prematurely']);
    connection.resume();
    expect(transport.handedOn).toEqual([]);
  });

  it('forgets its listener on a POST it handed on: the request’s own close is engine.io’s business', () => {
    const transport = aPollingTransport();
    const connection = pausablePolling(transport);
    const post = aPollingRequest('POST');
    connection.pause();
    transport.onRequest(post);
    connection.resume();
    post.emit('close');
    expect(transport.errors).toEqual([]);
  });
});
