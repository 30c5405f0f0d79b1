import { chatTextParts } from '@mockboard/collab';

/** A message's text with its web links clickable; everything else stays plain text (never HTML). */
export function ChatText({ text }: { text: string }) {
  return (
    <>
      {chatTextParts(text).map((part, index) =>
        part.kind === 'link' ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
