// Resolves a CSS custom property (any colour syntax, e.g. oklch) to rgb() for canvas libraries that parse less.
let ctx: CanvasRenderingContext2D | null = null;

/** The computed colour of `var(name)` on <html> as `rgba(r, g, b, a)`. */
export function cssColor(name: string): string {
  const raw = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  if (!raw) return "rgba(128, 128, 128, 1)";
  ctx ??= Object.assign(document.createElement("canvas"), { width: 1, height: 1 }).getContext("2d", {
    willReadFrequently: true,
  });
  if (!ctx) return raw;
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillStyle = raw;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return `rgba(${r}, ${g}, ${b}, ${Math.round(((a ?? 255) / 255) * 100) / 100})`;
}

/** Scale a colour's alpha (`rgba(…)` from cssColor): borders are already translucent in the dark theme. */
export function withAlpha(rgba: string, alpha: number): string {
  const m = /rgba?\((\d+), ?(\d+), ?(\d+)(?:, ?([\d.]+))?/.exec(rgba);
  return m ? `rgba(${m[1]}, ${m[2]}, ${m[3]}, ${Number(m[4] ?? 1) * alpha})` : rgba;
}
