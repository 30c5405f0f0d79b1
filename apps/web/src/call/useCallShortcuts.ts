import { useEffect, useRef } from 'react';

/**
 * The call's keyboard shortcuts, matched by physical key (`event.code`) so they work on every
 * layout and on macOS, where Option+M types "µ". Alt+C rather than Alt+V for the camera: Excalidraw
 * takes Alt+V (distribute vertically), and Firefox opens its View menu with it.
 */
export const CALL_SHORTCUTS = {
  mute: { code: 'KeyM', letter: 'm', label: 'Alt+M' },
  camera: { code: 'KeyC', letter: 'c', label: 'Alt+C' },
} as const;

export type CallShortcut = keyof typeof CALL_SHORTCUTS;

/** Where keys type text: a text field or an editable element (Excalidraw's text editor is a textarea). */
function isTextEntry(target: EventTarget | null): boolean {
  const element = target as Partial<HTMLElement> | null;
  return (
    Boolean(element?.isContentEditable) || element?.tagName === 'INPUT' || element?.tagName === 'TEXTAREA'
  );
}

/** Which call shortcut a key press is, if any. */
export function callShortcutOf(
  event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code' | 'key' | 'target'>,
): CallShortcut | null {
  // Ctrl+Alt is AltGr on Windows layouts (typing "@", "€", …), and Shift+Alt+C is Excalidraw's.
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const shortcut = (Object.keys(CALL_SHORTCUTS) as CallShortcut[]).find(
    (name) => CALL_SHORTCUTS[name].code === event.code,
  );
  if (!shortcut) return null;
  // In a text field, Alt types a character on some keyboards (Option+C is "ç" on a Mac): that
  // character is the person's, not ours. Where Alt types nothing (Windows, Linux) the combo is free.
  const typesACharacter =
    event.key.length === 1 && event.key.toLowerCase() !== CALL_SHORTCUTS[shortcut].letter;
  if (typesACharacter && isTextEntry(event.target)) return null;
  return shortcut;
}

/** Alt+M toggles the microphone and Alt+C the camera, anywhere in the room while `enabled`. */
export function useCallShortcuts(enabled: boolean, handlers: Record<CallShortcut, () => void>): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      const shortcut = callShortcutOf(event);
      if (!shortcut) return;
      // Taken before Excalidraw's document listener sees it; a held key toggles once, not on repeat.
      event.preventDefault();
      event.stopPropagation();
      if (!event.repeat) latest.current[shortcut]();
    }
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [enabled]);
}
