/**
 * A value typed but not saved yet, kept in the window's session storage so that a reload or a
 * crashed page loses nothing. Per window: two windows keep their own. Read back only when it
 * still has the expected shape.
 */
import type { z } from 'zod';

export interface SessionValue<T> {
  read(): T | null;
  write(value: T): void;
  clear(): void;
}

export function sessionValue<T>(key: string, schema: z.ZodType<T>): SessionValue<T> {
  return {
    read() {
      try {
        const parsed = schema.safeParse(JSON.parse(sessionStorage.getItem(key) ?? 'null'));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    write(value) {
      try {
        sessionStorage.setItem(key, JSON.stringify(value));
      } catch {
        // A full or disabled storage only loses this safety net.
      }
    },
    clear() {
      sessionStorage.removeItem(key);
    },
  };
}
