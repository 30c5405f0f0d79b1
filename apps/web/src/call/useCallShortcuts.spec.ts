import { callShortcutOf } from './useCallShortcuts';

type Press = Parameters<typeof callShortcutOf>[0];

const onTheBoard = { tagName: 'CANVAS' } as unknown as EventTarget;
const inTheChat = { tagName: 'TEXTAREA' } as unknown as EventTarget;

const aPress = (overrides: Partial<Press>): Press => ({
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  code: 'KeyM',
  key: 'm',
  target: onTheBoard,
  ...overrides,
});

describe('the call’s keyboard shortcuts', () => {
  it('takes Alt+M for the microphone and Alt+C for the camera, by physical key', () => {
    expect(callShortcutOf(aPress({}))).toBe('mute');
    expect(callShortcutOf(aPress({ code: 'KeyC', key: 'c' }))).toBe('camera');
    // On a Mac, Option+M reports "µ" (and on an AZERTY layout the M key may say something else).
    expect(callShortcutOf(aPress({ key: 'µ' }))).toBe('mute');
  });

  it('leaves Alt+V to Excalidraw and plain letters to typing', () => {
    expect(callShortcutOf(aPress({ code: 'KeyV', key: 'v' }))).toBeNull();
    expect(callShortcutOf(aPress({ altKey: false }))).toBeNull();
  });

  it('leaves AltGr (Ctrl+Alt), Shift+Alt and Cmd combinations alone', () => {
    expect(callShortcutOf(aPress({ ctrlKey: true }))).toBeNull();
    expect(callShortcutOf(aPress({ shiftKey: true, code: 'KeyC', key: 'C' }))).toBeNull();
    expect(callShortcutOf(aPress({ metaKey: true }))).toBeNull();
  });

  it('in a text field, works where Alt types nothing but lets Option type its character on a Mac', () => {
    expect(callShortcutOf(aPress({ target: inTheChat }))).toBe('mute');
    expect(callShortcutOf(aPress({ target: inTheChat, code: 'KeyC', key: 'ç' }))).toBeNull();
    const editable = { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget;
    expect(callShortcutOf(aPress({ target: editable, key: 'µ' }))).toBeNull();
  });
});
