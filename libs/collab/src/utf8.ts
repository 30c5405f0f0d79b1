const encoder = new TextEncoder();

/** UTF-8 bytes of a text: what the server's byte caps count (a character may take up to 4). */
export const utf8Bytes = (text: string): number => encoder.encode(text).length;
