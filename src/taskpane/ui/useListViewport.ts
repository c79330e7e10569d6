/**
 * Where the window's visible area lies relative to a list, for windowing. The pane's document
 * scrolls as a whole (the list has no scroll box of its own, so the toolbar above it and the
 * rows scroll together as Outlook users expect); the viewport is measured again on scroll,
 * resize and layout changes, at most once per frame.
 */
import type { RefObject } from "react";
import { useCallback, useEffect, useState } from "react";
import type { Viewport } from "./windowing";

export function useListViewport(list: RefObject<HTMLElement | null>): {
  viewport: Viewport;
  /** Measures now, outside React's schedule (for keyboard scrolling). */
  measure: () => Viewport;
} {
  // Until the first measure, assume the list starts at the top of the window.
  const [viewport, setViewport] = useState<Viewport>(() => ({
    top: 0,
    height: typeof window === "undefined" ? 0 : window.innerHeight,
  }));

  const measure = useCallback((): Viewport => {
    const element = list.current;
    const top = element ? -element.getBoundingClientRect().top : 0;
    return { top, height: window.innerHeight };
  }, [list]);

  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const next = measure();
        setViewport((current) =>
          current.top === next.top && current.height === next.height ? current : next,
        );
      });
    };
    schedule();
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule, { passive: true });
    // Content above the list can grow or shrink (filters shown, a toast) without a scroll.
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(schedule);
    observer?.observe(document.body);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
      observer?.disconnect();
    };
  }, [measure]);

  return { viewport, measure };
}
