/**
 * Focus for a screen that just opened in a tab (a card, a form): its heading takes focus, so a
 * screen reader announces it, and the screen is scrolled to the window's top when it starts out
 * of view (after a long list, or below the e-mail panel above the tabs).
 */
export function revealScreen(screen: HTMLElement | null, heading: HTMLElement | null): void {
  if (screen) {
    const top = screen.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) screen.scrollIntoView({ block: "start" });
  }
  heading?.focus({ preventScroll: true });
}
