import type { MouseEvent } from 'react';

/**
 * Props for a button (or a switch) while its action runs: aria-disabled rather than disabled, as a
 * disabled control drops the keyboard's focus to the page and a screen reader's user loses their
 * place. A press meanwhile does nothing (a submit button does not send its form again). Spread
 * them last.
 */
export function busyButtonProps(busy: boolean) {
  return {
    'aria-disabled': busy || undefined,
    onClickCapture: (event: MouseEvent) => {
      if (!busy) return;
      event.preventDefault();
      event.stopPropagation();
    },
  };
}
