// The page's look, read from the page itself (the page UI and the note editor's frame follow it).
// Floating panels are placed by @floating-ui/dom (lib/page-ui/floating.ts).

/** Light or dark, from the page's own background (falling back to the system's preference). */
export function pageTheme(doc: Document): 'light' | 'dark' {
  const win = doc.defaultView;
  for (let el: Element | null = doc.body; el; el = el.parentElement) {
    const bg = win?.getComputedStyle(el).backgroundColor ?? '';
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(bg);
    if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
      const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110 ? 'dark' : 'light';
    }
  }
  return win?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
