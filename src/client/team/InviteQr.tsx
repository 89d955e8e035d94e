/**
 * A QR code of a link, drawn as SVG: the dark modules as rects (one per horizontal run of
 * dark modules, so a code of ~1,000 modules costs a few hundred elements), on a white
 * square with a quiet zone of 4 modules (what phone cameras need to find the code).
 * Medium error correction keeps the code readable on a scratched screen or a printout.
 */
import { encode } from 'uqr';

const QUIET_ZONE = 4;

interface Run {
  x: number;
  y: number;
  width: number;
}

/** The runs of dark modules of each row, in module coordinates. */
export function darkRuns(data: readonly (readonly boolean[])[]): Run[] {
  const runs: Run[] = [];
  data.forEach((row, y) => {
    let start = -1;
    for (let x = 0; x <= row.length; x++) {
      const dark = x < row.length && row[x] === true;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ x: start, y, width: x - start });
        start = -1;
      }
    }
  });
  return runs;
}

export function InviteQr({ text, label }: { text: string; label: string }) {
  const { size, data } = encode(text, { ecc: 'M', border: 0 });
  const side = size + 2 * QUIET_ZONE;
  return (
    <svg
      class="invite-qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${side} ${side}`}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={side} height={side} fill="#fff" />
      <g fill="#000">
        {darkRuns(data).map((run) => (
          <rect key={`${run.x}-${run.y}`} x={run.x + QUIET_ZONE} y={run.y + QUIET_ZONE} width={run.width} height={1} />
        ))}
      </g>
    </svg>
  );
}
