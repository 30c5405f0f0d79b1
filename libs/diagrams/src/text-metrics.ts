/**
 * Text sizes estimated without a browser, for the layout: Excalifont (Excalidraw's default hand-drawn
 * font, family 5) measured about 0.48 em per character on our labels in Chromium; 0.52 leaves room
 * so a label never spills out of its box. Excalidraw keeps the centre of a bound text, so an
 * overestimate only adds margin.
 */
export const FONT_FAMILY_EXCALIFONT = 5;
export const LINE_HEIGHT = 1.25;
const CHARACTER_WIDTH_EM = 0.52;

export interface TextBox {
  lines: string[];
  width: number;
  height: number;
}

/**
 * Breaks a label at spaces into lines of about `maxChars`. A longer word (a path such as
 * "/v1/reservations") stays whole up to twice that, and only a longer one is cut.
 */
export function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.trim().split(/\s+/)) {
    let rest = word;
    while (rest.length > 2 * maxChars) {
      if (line) lines.push(line);
      line = '';
      lines.push(rest.slice(0, maxChars));
      rest = rest.slice(maxChars);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= maxChars) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function measureText(label: string, fontSize: number, maxChars: number): TextBox {
  const lines = wrapLabel(label, maxChars);
  const longest = Math.max(...lines.map((line) => line.length));
  return {
    lines,
    width: Math.ceil(longest * fontSize * CHARACTER_WIDTH_EM),
    height: Math.ceil(lines.length * fontSize * LINE_HEIGHT),
  };
}
