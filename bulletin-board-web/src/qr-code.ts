/**
 * A QR code as inline SVG, built from the module matrix of `qr` (Paul Miller's encoder, no
 * dependencies). Drawn as DOM nodes rather than an image: the page's policy allows images from
 * this origin only (no data: URLs), and nothing here is parsed from a string. Medium error
 * correction survives a crease or a smudge on a printed receipt.
 */
import encodeQR from 'qr';

const SVG = 'http://www.w3.org/2000/svg';

export function qrMatrix(text: string): boolean[][] {
  return encodeQR(text, 'raw', { ecc: 'medium', border: 4 });
}

export function qrSvg(text: string, label: string): SVGSVGElement {
  const modules = qrMatrix(text);
  const n = modules.length;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${n} ${n}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.classList.add('qr');
  svg.dataset.modules = String(n);
  const bg = document.createElementNS(SVG, 'rect');
  bg.setAttribute('width', String(n));
  bg.setAttribute('height', String(n));
  bg.setAttribute('class', 'qr-light');
  svg.append(bg);
  // One path for every dark module: small and fast to draw.
  let d = '';
  modules.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) d += `M${x} ${y}h1v1h-1z`;
  }));
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  path.setAttribute('class', 'qr-dark');
  svg.append(path);
  return svg;
}
