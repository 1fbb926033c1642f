// Frame time of the warehouse view: the GridView the live page uses, a seeded synthetic fleet that moves twice a
// second, and every animation frame drawn and timed. The result goes to #result as JSON.
import { GridView, percentile } from './grid.js';

const params = new URLSearchParams(location.search);
const robotCount = Number(params.get('robots') || 10000);
const seconds = Number(params.get('seconds') || 10);
const width = Number(params.get('width') || 250);
const height = Number(params.get('height') || 200);
const STATES = ['IDLE', 'TO_POD', 'CARRYING', 'AT_STATION', 'RETURNING', 'CHARGING', 'FAULTED'];

let seed = 42;
function random() { // mulberry32: seeded, so every run draws the same fleet
  seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const obstacles = [];
const storageCells = [];
for (let row = 1; row < height - 1; row++) {
  for (let col = 0; col < width; col++) {
    const rack = row % 4 === 1 || row % 4 === 2;
    if (rack && col % 6 >= 1 && col % 6 <= 4) obstacles.push(row * width + col);
    else if (row % 4 === 0 || row % 4 === 3) storageCells.push(row * width + col);
  }
}
const stations = [];
for (let col = 0; col < width; col += 10) stations.push(col, (height - 1) * width + col);
const free = [];
const blocked = new Set(obstacles);
for (let cell = 0; cell < width * height; cell++) if (!blocked.has(cell)) free.push(cell);
const robots = [];
for (let i = 0; i < robotCount; i++) {
  robots.push({ cell: free[Math.floor(random() * free.length)], heading: Math.floor(random() * 4), state: STATES[i % STATES.length] });
}

const view = new GridView(document.getElementById('bench-map'), { width, height, obstacles, storageCells, stations, chargers: [0] }, 1500);
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];
function update() {
  for (const robot of robots) {
    const heading = Math.floor(random() * 4);
    const col = robot.cell % width + DX[heading];
    const row = Math.floor(robot.cell / width) + DY[heading];
    const next = row * width + col;
    if (col >= 0 && row >= 0 && col < width && row < height && !blocked.has(next)) {
      robot.cell = next;
      robot.heading = heading;
    }
  }
}

const frames = [];
let updates = 0;
const started = performance.now();
const timer = setInterval(() => { update(); updates++; }, 500);
function frame() {
  frames.push(view.draw(robots, [], []));
  if (performance.now() - started < seconds * 1000) {
    requestAnimationFrame(frame);
    return;
  }
  clearInterval(timer);
  const result = {
    robots: robotCount, width, height, seconds, updates, frames: frames.length,
    p50Millis: percentile(frames, 50), p99Millis: percentile(frames, 99), maxMillis: Math.max(...frames),
    userAgent: navigator.userAgent,
  };
  const out = document.getElementById('result');
  out.textContent = JSON.stringify(result, null, 1);
  out.dataset.done = 'true';
}
requestAnimationFrame(frame);
