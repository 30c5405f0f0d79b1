import type { SceneElement } from '@mockboard/contracts';
import { SharedScene } from './shared-scene';
import { aRectangle } from '../../contracts/src/test-elements';

const noProblems = () => {
  throw new Error('unexpected problem');
};

describe('SharedScene', () => {
  it('takes a winning local edit into the scene and the outbox, and does not offer it again', () => {
    const scene = new SharedScene();
    const edit = aRectangle();
    expect(scene.offer([edit], noProblems)).toBeNull();
    expect(scene.elements.get(edit.id)).toEqual(edit);
    expect(scene.outbox.size).toBe(1);
    expect(scene.unsharedOf([edit])).toEqual([]);
    const moved = { ...edit, version: 2 };
    expect(scene.unsharedOf([moved])).toEqual([moved]);
  });

  it('does not offer a peer copy it received back to the server', () => {
    const scene = new SharedScene();
    const relayed = aRectangle({ version: 4 });
    expect(scene.receive([relayed], 1)).toEqual([relayed]);
    expect(scene.unsharedOf([relayed])).toEqual([]);
    expect(scene.outbox.size).toBe(0);
  });

  it('reports an element the room does not share once, until it changes', () => {
    const scene = new SharedScene();
    const problems: string[] = [];
    const embed = { ...aRectangle(), type: 'embeddable' } as SceneElement;
    scene.offer([embed], (problem) => problems.push(problem.message));
    expect(problems).toEqual(['embeddable elements are not shared in this room']);
    expect(scene.elements.has(embed.id)).toBe(false);
    expect(scene.unsharedOf([embed])).toEqual([]);
    expect(scene.unsharedOf([{ ...embed, version: 2 }])).toHaveLength(1);
  });

  it('offers a local copy at the same version as the scene copy but another nonce, so the merge rule decides', () => {
    const scene = new SharedScene();
    const theirs = aRectangle({ version: 5, versionNonce: 500 });
    scene.receive([theirs], 1);
    const mine = { ...theirs, versionNonce: 100 };
    expect(scene.unsharedOf([mine])).toEqual([mine]);
    // Excalidraw's tie rule: the lower versionNonce wins, so this copy replaces the scene's and goes out.
    scene.offer([mine], noProblems);
    expect(scene.elements.get(theirs.id)).toEqual(mine);
    expect(scene.outbox.size).toBe(1);
    expect(scene.unsharedOf([mine])).toEqual([]);
  });

  it('does not offer again a local copy that lost to the scene, until either changes', () => {
    const scene = new SharedScene();
    const theirs = aRectangle({ version: 5 });
    scene.receive([theirs], 1);
    const older = { ...theirs, version: 4, versionNonce: 1 };
    scene.offer([older], noProblems);
    expect(scene.elements.get(theirs.id)).toBe(theirs);
    expect(scene.unsharedOf([older])).toEqual([]);
    scene.receive([{ ...theirs, version: 6 }], 1);
    expect(scene.unsharedOf([older])).toEqual([older]);
  });

  it('takes back an edit the server would refuse: the previous copy, or nothing', () => {
    const scene = new SharedScene();
    const shared = aRectangle();
    scene.receive([shared], 1);
    const problems: string[] = [];
    const tooWide = { ...shared, version: 2, width: 'wide' } as unknown as SceneElement;
    const fresh = { ...aRectangle(), width: 'wide' } as unknown as SceneElement;
    const plan = scene.offer([tooWide, fresh], (problem) => problems.push(problem.code));
    expect(problems).toEqual(['bad_request', 'bad_request']);
    expect(plan).toEqual({ replaced: [shared], removed: [fresh.id] });
    expect(scene.outbox.size).toBe(0);
  });

  it('settles a relayed copy the store never confirmed at the next join', () => {
    const scene = new SharedScene();
    const stored = aRectangle();
    scene.join([stored], true, 1);
    const relayed = { ...stored, version: 2 };
    scene.receive([relayed], 1);
    const { settled, accepted } = scene.join([], false, 2);
    expect(settled).toEqual({ replaced: [stored], removed: [] });
    expect(accepted).toEqual([]);
    expect(scene.elements.get(stored.id)).toBe(stored);
  });

  it('restores the stored copy of a refused edit and stops sending it', () => {
    const scene = new SharedScene();
    const stored = aRectangle();
    scene.join([stored], true, 1);
    const edit = { ...stored, version: 2 };
    scene.offer([edit], noProblems);
    expect(scene.restore([edit], [stored])).toEqual({ replaced: [stored], removed: [] });
    expect(scene.outbox.size).toBe(0);
    expect(scene.unsharedOf([stored])).toEqual([]);
  });
});
