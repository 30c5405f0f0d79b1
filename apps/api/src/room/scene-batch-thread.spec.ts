import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { BatchOutcome, BatchUpdate } from './scene-batch-store';
import { SceneBatchThread } from './scene-batch-thread';

const update: BatchUpdate = { sessionId: 's', authorId: 'a', at: 0, elements: [] };
const data = { url: 'postgresql://nobody@127.0.0.1:1/none', schema: 'public' };

describe('SceneBatchThread', () => {
  let dir: string;
  let warned: jest.SpyInstance;
  let logged: jest.SpyInstance;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'scene-batch-thread-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  /** A thread script of this body, standing in for scene-batch.worker.ts. */
  const script = (name: string, body: string) => {
    const file = join(dir, `${name}.js`);
    writeFileSync(file, body);
    return file;
  };

  it("answers each batch with the thread's outcomes, and hands the thread's warnings to the log", async () => {
    const echo = script(
      'echo',
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', (request) => {
         if (request.close) return parentPort.close();
         parentPort.postMessage({ warning: 'noted' });
         parentPort.postMessage({ id: request.id, outcomes: request.batch.map(() => ({ refused: 'scene_closed' })) });
       });`,
    );
    const fallback = { write: jest.fn() };
    const thread = new SceneBatchThread(data, echo, fallback);
    expect(await thread.write([update, update])).toEqual([
      { refused: 'scene_closed' },
      { refused: 'scene_closed' },
    ]);
    expect(await thread.write([update])).toEqual([{ refused: 'scene_closed' }]);
    expect(thread.starts).toBe(1);
    expect(fallback.write).not.toHaveBeenCalled();
    expect(warned).toHaveBeenCalledWith('noted');
    await thread.close();
    await expect(thread.write([update])).rejects.toThrow('shutting down');
  });

  it('fails the batches of a thread that died, and starts a new one for the next', async () => {
    const once = script(
      'dies-on-second-batch',
      `const { parentPort } = require('node:worker_threads');
       let batches = 0;
       parentPort.on('message', (request) => {
         if (request.close) return parentPort.close();
         batches += 1;
         if (batches === 2) process.exit(3);
         parentPort.postMessage({ id: request.id, outcomes: [] });
       });`,
    );
    const thread = new SceneBatchThread(data, once, { write: jest.fn() });
    expect(await thread.write([])).toEqual([]);
    await expect(thread.write([])).rejects.toThrow('exit code 3');
    expect(await thread.write([])).toEqual([]);
    expect(thread.starts).toBe(2);
    await thread.close();
  });

  it('gives up a thread that cannot start, and writes through the fallback from then on', async () => {
    const broken = script('broken', `throw new Error('cannot load');`);
    const outcomes: BatchOutcome[] = [{ notStarted: 2 }];
    const fallback = { write: jest.fn(async () => outcomes) };
    const thread = new SceneBatchThread(data, broken, fallback);
    for (let attempt = 1; attempt <= 3; attempt += 1) await expect(thread.write([update])).rejects.toThrow();
    expect(fallback.write).not.toHaveBeenCalled();
    expect(await thread.write([update])).toBe(outcomes);
    expect(fallback.write).toHaveBeenCalledWith([update]);
    expect(thread.starts).toBe(3);
    expect(logged).toHaveBeenLastCalledWith(expect.stringContaining('written from the server thread'));
    await thread.close();
  });
});
