/**
 * What the desk feels like, measured in Debian's Chromium against the browser host: how long
 * search results take to show after typing stops, and how long a 50-page piece takes to open.
 * Both are measured inside the page, from the user's last action to what they see.
 */
import { chromium, type Page } from '@playwright/test';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TYPING_INTERVAL_MS = 40;

export interface UiFigures {
  searchShownMs: number[];
  pdf50OpenMs: number[];
}

async function waitForDesk(page: Page): Promise<void> {
  await page.locator('[role="grid"][aria-busy="false"]').waitFor();
  await page.locator('html[data-fr-js="true"]').waitFor();
}

/** Types `query` as a person would, and returns the delay from the last keystroke to the results. */
function searchShownAfterTyping(page: Page, query: string): Promise<number> {
  return page.evaluate(
    async ({ query, interval }) => {
      const input = document.querySelector<HTMLInputElement>('[role="search"] input[type="search"]')!;
      input.focus();
      const count = document.getElementById('list-count')!;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const shown = new Promise<number>((resolve) => {
        new MutationObserver(() => {
          const grid = document.querySelector('[role="grid"]');
          if (count.textContent?.includes(`« ${query} »`) && grid?.getAttribute('aria-busy') === 'false') resolve(performance.now());
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      let lastKey = 0;
      for (let i = 1; i <= query.length; i += 1) {
        setValue.call(input, query.slice(0, i));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        lastKey = performance.now();
        await new Promise((resolve) => setTimeout(resolve, interval));
      }
      return (await shown) - lastKey;
    },
    { query, interval: TYPING_INTERVAL_MS },
  );
}

/** Clicks "Consulter" on the piece and returns the delay until its first page shows with its text. */
function pdfShownAfterClick(page: Page, pieceName: string, pageCount: number): Promise<number> {
  return page.evaluate(
    ({ label, pages }) =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        // No named functions in here: the page receives this source as it is.
        new MutationObserver(() => {
          const shown =
            document.querySelector('.relais-pdf [data-testid="pdf-page-count"]')?.textContent?.endsWith(` ${pages}`) === true &&
            document.querySelector('.relais-pdf .page[data-loaded="true"] canvas') !== null &&
            document.querySelector('.relais-pdf .page .textLayer span') !== null;
          if (shown) resolve(performance.now() - started);
        }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        document.querySelector<HTMLButtonElement>(`button[aria-label$="${label}"]`)!.click();
      }),
    { label: pieceName, pages: pageCount },
  );
}

export async function measureUi(
  deskUrl: string,
  searchWords: readonly string[],
  longPiece: { dossierId: string; name: string; pageCount: number },
  runs: number,
): Promise<UiFigures> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const { origin, search } = new URL(deskUrl);
    await page.goto(`${origin}/${search}#/dossiers`);
    await waitForDesk(page);
    const searchShownMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      for (const word of searchWords) searchShownMs.push(await searchShownAfterTyping(page, word));
    }
    const pdf50OpenMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      await page.goto(`${origin}/#/dossiers/${longPiece.dossierId}?onglet=pieces`);
      await page.locator('.relais-pieces table[data-viewer-ready="true"]').waitFor();
      pdf50OpenMs.push(await pdfShownAfterClick(page, longPiece.name, longPiece.pageCount));
    }
    return { searchShownMs, pdf50OpenMs };
  } finally {
    await browser.close();
  }
}
