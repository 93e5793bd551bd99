// Types for scripts/ensure-chromium.mjs (plain JavaScript: it runs before any transpiler).
export function ensureChromium(): { chromium: string; pdftotext: string };
