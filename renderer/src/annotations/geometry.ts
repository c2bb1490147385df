/**
 * Regions on a PDF page, in fractions of the page (zoom-independent): drawn from two pointer
 * positions, or moved and resized from the keyboard.
 */
import type { PageRect } from '../../../shared/domain/annotation';

export interface Point {
  x: number;
  y: number;
}

/** The smallest region, so that a click without a drag still marks something visible. */
export const MIN_SIZE = 0.02;
/** How far one arrow key press moves or resizes a region. */
export const KEY_STEP = 0.02;
/** Where "annotate this page" puts a new region, to adjust from there. */
export const DEFAULT_REGION: PageRect = { x: 0.1, y: 0.1, width: 0.8, height: 0.15 };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
/** Fractions rounded to 1/10,000 of the page: finer than a pixel, and stable in JSON. */
const round = (value: number) => Math.round(value * 10_000) / 10_000;

function normalized(rect: PageRect): PageRect {
  const width = clamp(rect.width, MIN_SIZE, 1);
  const height = clamp(rect.height, MIN_SIZE, 1);
  return {
    x: round(clamp(rect.x, 0, 1 - width)),
    y: round(clamp(rect.y, 0, 1 - height)),
    width: round(width),
    height: round(height),
  };
}

/** The region between two corners, in either order, kept on the page. */
export function rectFromPoints(a: Point, b: Point): PageRect {
  const left = clamp(Math.min(a.x, b.x), 0, 1);
  const top = clamp(Math.min(a.y, b.y), 0, 1);
  return normalized({ x: left, y: top, width: clamp(Math.max(a.x, b.x), 0, 1) - left, height: clamp(Math.max(a.y, b.y), 0, 1) - top });
}

const DIRECTIONS: Record<string, Point> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/**
 * The region after an arrow key: moved, or with Shift resized from its bottom-right corner;
 * null for any other key.
 */
export function nudge(rect: PageRect, key: string, resize: boolean): PageRect | null {
  const direction = DIRECTIONS[key];
  if (!direction) return null;
  const dx = direction.x * KEY_STEP;
  const dy = direction.y * KEY_STEP;
  if (resize) {
    const width = clamp(rect.width + dx, MIN_SIZE, 1 - rect.x);
    const height = clamp(rect.height + dy, MIN_SIZE, 1 - rect.y);
    return normalized({ ...rect, width, height });
  }
  return normalized({ ...rect, x: rect.x + dx, y: rect.y + dy });
}

/** A point of an element as fractions of its size, from a pointer event's client coordinates. */
export function pointIn(box: { left: number; top: number; width: number; height: number }, clientX: number, clientY: number): Point {
  return { x: clamp((clientX - box.left) / box.width, 0, 1), y: clamp((clientY - box.top) / box.height, 0, 1) };
}
