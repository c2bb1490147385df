/**
 * The browser host hands out its per-run token in the address (`?token=…`) once. It is kept for
 * the tab's life in sessionStorage and removed from the address so it is neither bookmarked nor
 * shown on screen.
 */
const TOKEN_KEY = 'relais.token';

export function takeSessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress) {
    sessionStorage.setItem(TOKEN_KEY, fromAddress);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}
