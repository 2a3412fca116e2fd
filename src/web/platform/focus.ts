// Puts focus back at the top of the page after an action removed the focused control (e.g. switching who one acts for).
export function focusMain(): void {
  window.scrollTo(0, 0);
  document.getElementById('main')?.focus({ preventScroll: true });
}
