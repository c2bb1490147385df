import { describe, expect, it } from 'vitest';
import { PageRect } from '../../shared/domain/annotation';
import { MIN_SIZE, nudge, pointIn, rectFromPoints } from '../../renderer/src/annotations/geometry';

describe('a region drawn between two corners', () => {
  it.each([
    ['top-left to bottom-right', { x: 0.1, y: 0.2 }, { x: 0.4, y: 0.5 }, { x: 0.1, y: 0.2, width: 0.3, height: 0.3 }],
    ['bottom-right to top-left', { x: 0.4, y: 0.5 }, { x: 0.1, y: 0.2 }, { x: 0.1, y: 0.2, width: 0.3, height: 0.3 }],
    ['a click without a drag', { x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5, width: MIN_SIZE, height: MIN_SIZE }],
    ['a click on the bottom-right corner', { x: 1, y: 1 }, { x: 1, y: 1 }, { x: 1 - MIN_SIZE, y: 1 - MIN_SIZE, width: MIN_SIZE, height: MIN_SIZE }],
    ['a drag past the edges', { x: -0.2, y: -0.1 }, { x: 1.3, y: 1.2 }, { x: 0, y: 0, width: 1, height: 1 }],
  ])('%s', (_what, a, b, expected) => {
    const rect = rectFromPoints(a, b);
    expect(rect).toEqual(expected);
    expect(PageRect.safeParse(rect).success).toBe(true);
  });
});

describe('a region moved or resized with the arrow keys', () => {
  const rect = { x: 0.5, y: 0.5, width: 0.2, height: 0.1 };
  it.each([
    ['ArrowRight', false, { ...rect, x: 0.52 }],
    ['ArrowLeft', false, { ...rect, x: 0.48 }],
    ['ArrowUp', false, { ...rect, y: 0.48 }],
    ['ArrowDown', false, { ...rect, y: 0.52 }],
    ['ArrowRight', true, { ...rect, width: 0.22 }],
    ['ArrowUp', true, { ...rect, height: 0.08 }],
  ])('%s (resize: %s)', (key, resize, expected) => {
    expect(nudge(rect, key, resize)).toEqual(expected);
  });

  it.each([
    ['cannot leave the page on the right', { x: 0.8, y: 0, width: 0.2, height: 0.1 }, 'ArrowRight', false, { x: 0.8, y: 0, width: 0.2, height: 0.1 }],
    ['cannot leave the page at the top', { x: 0, y: 0, width: 0.2, height: 0.1 }, 'ArrowUp', false, { x: 0, y: 0, width: 0.2, height: 0.1 }],
    ['cannot grow past the page', { x: 0.9, y: 0, width: 0.1, height: 0.1 }, 'ArrowRight', true, { x: 0.9, y: 0, width: 0.1, height: 0.1 }],
    ['cannot shrink below the minimum', { x: 0, y: 0, width: MIN_SIZE, height: 0.1 }, 'ArrowLeft', true, { x: 0, y: 0, width: MIN_SIZE, height: 0.1 }],
  ])('%s', (_what, start, key, resize, expected) => {
    expect(nudge(start, key, resize)).toEqual(expected);
  });

  it('ignores keys other than the arrows', () => {
    expect(nudge(rect, 'Enter', false)).toBeNull();
  });
});

describe('a pointer position on a page', () => {
  it.each([
    [110, 220, { x: 0.1, y: 0.1 }],
    [0, 0, { x: 0, y: 0 }],
    [5000, 5000, { x: 1, y: 1 }],
  ])('(%d, %d)', (clientX, clientY, expected) => {
    expect(pointIn({ left: 100, top: 200, width: 100, height: 200 }, clientX, clientY)).toEqual(expected);
  });
});
