// Draws a warehouse grid on a canvas: the fixed layer (obstacles, storage, stations, chargers) once into an
// offscreen canvas, then per frame that layer, the closed cells and every robot, batched by colour so that
// 10,000 robots cost a handful of fill calls.

export const STATE_COLOURS = {
  IDLE: '#6b7280', TO_POD: '#2563eb', CARRYING: '#16a34a', AT_STATION: '#0d9488',
  RETURNING: '#7c3aed', CHARGING: '#ca8a04', FAULTED: '#dc2626',
};
const CARRYING_STATES = new Set(['CARRYING', 'AT_STATION', 'RETURNING']);
// Heading 0 east, 1 south, 2 west, 3 north, as the dispatcher gives it.
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

export class GridView {
  /** layout: {width, height, obstacles, storageCells, stations, chargers}, cells as row * width + col. */
  constructor(canvas, layout, maxPixels = 900) {
    this.canvas = canvas;
    this.layout = layout;
    this.cellPx = Math.max(1, Math.min(24, Math.floor(maxPixels / Math.max(layout.width, layout.height))));
    canvas.width = layout.width * this.cellPx;
    canvas.height = layout.height * this.cellPx;
    this.background = this.drawBackground();
  }

  drawBackground() {
    const { width, height } = this.layout;
    const px = this.cellPx;
    const layer = document.createElement('canvas');
    layer.width = width * px;
    layer.height = height * px;
    const g = layer.getContext('2d');
    g.fillStyle = '#f8fafc';
    g.fillRect(0, 0, layer.width, layer.height);
    const fillCells = (cells, colour, inset) => {
      g.fillStyle = colour;
      g.beginPath();
      for (const cell of cells) {
        g.rect((cell % width) * px + inset, Math.floor(cell / width) * px + inset, px - 2 * inset, px - 2 * inset);
      }
      g.fill();
    };
    fillCells(this.layout.obstacles, '#1f2937', 0);
    fillCells(this.layout.storageCells, '#fde68a', px > 4 ? 1 : 0);
    fillCells(this.layout.stations, '#93c5fd', 0);
    fillCells(this.layout.chargers, '#fbbf24', 0);
    if (px >= 8) {
      g.strokeStyle = '#e2e8f0';
      g.lineWidth = 1;
      g.beginPath();
      for (let x = 0; x <= width; x++) { g.moveTo(x * px + 0.5, 0); g.lineTo(x * px + 0.5, height * px); }
      for (let y = 0; y <= height; y++) { g.moveTo(0, y * px + 0.5); g.lineTo(width * px, y * px + 0.5); }
      g.stroke();
    }
    return layer;
  }

  /** The cell under a click, or -1. */
  cellAt(event) {
    const box = this.canvas.getBoundingClientRect();
    const x = Math.floor((event.clientX - box.left) * (this.canvas.width / box.width) / this.cellPx);
    const y = Math.floor((event.clientY - box.top) * (this.canvas.height / box.height) / this.cellPx);
    return x >= 0 && y >= 0 && x < this.layout.width && y < this.layout.height ? y * this.layout.width + x : -1;
  }

  /** Draws one frame; robots: [{cell, heading, state}]. Returns the milliseconds it took. */
  draw(robots, closedCells, blockedCells) {
    const started = performance.now();
    const g = this.canvas.getContext('2d');
    const { width } = this.layout;
    const px = this.cellPx;
    g.drawImage(this.background, 0, 0);
    g.fillStyle = 'rgba(220, 38, 38, 0.25)';
    g.beginPath();
    for (const cell of blockedCells || []) {
      g.rect((cell % width) * px, Math.floor(cell / width) * px, px, px);
    }
    g.fill();
    g.strokeStyle = '#b91c1c';
    g.lineWidth = Math.max(1, px / 8);
    g.beginPath();
    for (const cell of closedCells || []) {
      const x = (cell % width) * px;
      const y = Math.floor(cell / width) * px;
      g.moveTo(x, y); g.lineTo(x + px, y + px);
      g.moveTo(x + px, y); g.lineTo(x, y + px);
    }
    g.stroke();
    const byState = new Map();
    for (const robot of robots) {
      let list = byState.get(robot.state);
      if (!list) { list = []; byState.set(robot.state, list); }
      list.push(robot);
    }
    const inset = px >= 6 ? px * 0.12 : 0;
    for (const [state, list] of byState) {
      g.fillStyle = STATE_COLOURS[state] || '#000';
      g.beginPath();
      for (const robot of list) {
        g.rect((robot.cell % width) * px + inset, Math.floor(robot.cell / width) * px + inset, px - 2 * inset, px - 2 * inset);
      }
      g.fill();
    }
    if (px >= 6) {
      // A pod on the robot's back, and a stroke towards where it faces.
      g.fillStyle = '#fde68a';
      g.beginPath();
      for (const robot of robots) {
        if (CARRYING_STATES.has(robot.state)) {
          g.rect((robot.cell % width) * px + px * 0.32, Math.floor(robot.cell / width) * px + px * 0.32, px * 0.36, px * 0.36);
        }
      }
      g.fill();
      g.strokeStyle = '#ffffff';
      g.lineWidth = Math.max(1, px / 10);
      g.beginPath();
      for (const robot of robots) {
        const cx = (robot.cell % width) * px + px / 2;
        const cy = Math.floor(robot.cell / width) * px + px / 2;
        g.moveTo(cx, cy);
        g.lineTo(cx + DX[robot.heading] * px * 0.38, cy + DY[robot.heading] * px * 0.38);
      }
      g.stroke();
    }
    return performance.now() - started;
  }
}

/** Percentile of a list of numbers (p in 0..100), nearest rank. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))];
}

/** A small line plot of [{t, v}] over the last windowMillis. */
export function plot(canvas, samples, windowMillis, label) {
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#334155';
  g.font = '12px sans-serif';
  const now = performance.now();
  const shown = samples.filter(s => now - s.t <= windowMillis);
  const max = Math.max(1, ...shown.map(s => s.v));
  g.fillText(`${label} (max ${max.toFixed(1)})`, 4, 12);
  g.strokeStyle = '#2563eb';
  g.beginPath();
  shown.forEach((s, i) => {
    const x = canvas.width * (1 - (now - s.t) / windowMillis);
    const y = canvas.height - 2 - (canvas.height - 18) * (s.v / max);
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  });
  g.stroke();
}
