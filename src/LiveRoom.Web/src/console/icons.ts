// The navigation's icons: small stroked SVG drawings, built as DOM (no inline styles: the CSP allows none).

const SVG = 'http://www.w3.org/2000/svg';

const drawings = {
  /** A list of rooms. */
  rooms: ['M4 6h16', 'M4 12h16', 'M4 18h10'],
  /** A screen with a play mark: the live picture. */
  live: ['M3 5h18v12H3z', 'M10 8.5l4.5 2.5-4.5 2.5z', 'M8 21h8', 'M12 17v4'],
  /** A video camera: private calls. */
  calls: ['M3 7h12v10H3z', 'M15 10.5l6-3.5v10l-6-3.5'],
  /** A card with a person: leads. */
  leads: ['M4 5h16v14H4z', 'M9 10a2 2 0 1 0 0.01 0', 'M6 16c0.8-2 5.2-2 6 0', 'M14 10h4', 'M14 13h4'],
  /** A funnel: the audience narrowing step by step. */
  funnel: ['M3 4h18l-7 8v6l-4 2v-8z'],
  /** A clock: past calls. */
  history: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M12 7v5l3 2'],
  /** An arrow leaving for a wall: events sent out to another system. */
  webhooks: ['M3 12h13', 'M11 6l6 6-6 6', 'M21 4v16'],
} as const;

export type IconName = keyof typeof drawings;

/** A 24×24 icon in the current text colour, hidden from screen readers (the label says it). */
export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('nav-icon');
  for (const d of drawings[name]) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
