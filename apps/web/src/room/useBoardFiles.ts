import { useEffect, useRef, type RefObject } from 'react';
import { BoardFiles } from './board-files';
import type { ExcalidrawImperativeAPI } from './excalidraw';

/**
 * The images of the session's board, for as long as the board shows that session. A ref, read by
 * Excalidraw's callbacks and the board's effects (declared after this hook, they run after it).
 */
export function useBoardFiles(
  api: ExcalidrawImperativeAPI | null,
  sessionId: string,
  onUploadFailed: (message: string) => void = () => {},
): RefObject<BoardFiles | null> {
  const files = useRef<BoardFiles | null>(null);
  // The latest callback, without restarting the transfers when the parent passes a new one.
  const reportRef = useRef(onUploadFailed);
  useEffect(() => {
    reportRef.current = onUploadFailed;
  }, [onUploadFailed]);

  useEffect(() => {
    if (!api) return;
    const boardFiles = new BoardFiles({
      api,
      sessionId,
      onUploadFailed: (message) => reportRef.current(message),
    });
    files.current = boardFiles;
    return () => {
      boardFiles.dispose();
      if (files.current === boardFiles) files.current = null;
    };
  }, [api, sessionId]);

  return files;
}
