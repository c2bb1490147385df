import { useEffect } from 'react';

/** Each screen names itself in the window title (read first by screen readers on arrival). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Relais`;
  }, [title]);
}
