/** The card being dragged, and where it was. */
export interface DraggedCard {
  cardId: string;
  columnId: string;
  index: number;
}

/**
 * Where a dropped card goes, as the server counts (the card taken out of its column first): a card
 * dropped lower in its own column lands one place higher than the gap it was dropped in, because
 * its old place closes up.
 */
export function dropPosition(dragged: DraggedCard, columnId: string, gap: number): number {
  return dragged.columnId === columnId && dragged.index < gap ? gap - 1 : gap;
}

/** The gap a pointer at `y` points to: before the first card whose middle is below it, else the end. */
export function gapAt(y: number, cards: readonly { top: number; bottom: number }[]): number {
  const index = cards.findIndex((card) => y < (card.top + card.bottom) / 2);
  return index < 0 ? cards.length : index;
}
