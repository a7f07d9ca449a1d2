import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { t } from '../../shared/i18n';
import type { FunnelTimeline, TimelineMarker } from './funnel-api';

// The stream over time: viewers watching and chat messages, minute by minute, with the timeline's marked moments
// (the room going live or ending; product cards once they exist) as labelled vertical lines.

const VIEWERS = '#3b4fd8';
const CHATS = '#c62839';
const MARKER = '#a15c00';

const seconds = (iso: string): number => Date.parse(iso) / 1000;

/** How far (seconds) from the charted minutes a marker may be and still widen the chart to show it. */
const NEAR = 30 * 60;

/** Draws each marker that falls within the chart as a dashed line with its label. */
function markersPlugin(markers: readonly TimelineMarker[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (plot: uPlot) => {
          const { ctx, bbox } = plot;
          const [min, max] = [plot.scales['x']?.min ?? 0, plot.scales['x']?.max ?? 0];
          ctx.save();
          ctx.strokeStyle = MARKER;
          ctx.fillStyle = MARKER;
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
          ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
          ctx.textBaseline = 'top';
          for (const marker of markers) {
            const at = seconds(marker.at);
            if (at < min || at > max) continue;
            const x = Math.round(plot.valToPos(at, 'x', true));
            ctx.beginPath();
            ctx.moveTo(x, bbox.top);
            ctx.lineTo(x, bbox.top + bbox.height);
            ctx.stroke();
            const label = markerLabel(marker);
            const width = ctx.measureText(label).width;
            const textX = x + 4 * devicePixelRatio + width > bbox.left + bbox.width ? x - 4 * devicePixelRatio - width : x + 4 * devicePixelRatio;
            ctx.fillText(label, textX, bbox.top + 2 * devicePixelRatio);
          }
          ctx.restore();
        },
      ],
    },
  };
}

/** A marker's label in the page's language when its kind is known, else the server's label. */
export function markerLabel(marker: TimelineMarker): string {
  switch (marker.kind) {
    case 'scheduled':
      return t('funnel.marker.scheduled');
    case 'live':
      return t('funnel.marker.live');
    case 'ended':
      return t('funnel.marker.ended');
    default:
      return marker.label;
  }
}

/** The chart, sized to its container (and again whenever the container changes size). */
export function timelineChart(container: HTMLElement, timeline: FunnelTimeline): { destroy(): void } {
  const xs = timeline.points.map((point) => seconds(point.at));
  const viewers = timeline.points.map((point) => point.viewers);
  const chats = timeline.points.map((point) => point.chats);
  // The chart spans the minutes, widened to the markers close to them (the end, a little after the last minute).
  const near = timeline.markers.map((marker) => seconds(marker.at)).filter((at) => at >= xs[0]! - NEAR && at <= xs[xs.length - 1]! + NEAR);
  const span: [number, number] = [Math.min(xs[0]!, ...near), Math.max(xs[xs.length - 1]!, ...near)];
  const size = () => {
    const width = Math.max(260, Math.floor(container.clientWidth));
    return { width, height: width < 520 ? 220 : 300 };
  };
  const positive = (_: uPlot, __: number | null, max: number | null): uPlot.Range.MinMax => [0, Math.max(1, Math.ceil((max ?? 0) * 1.1))];
  const options: uPlot.Options = {
    ...size(),
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    scales: {
      x: { time: true, range: () => (span[0] === span[1] ? [span[0] - 60, span[1] + 60] : span) },
      viewers: { range: positive },
      chats: { range: positive },
    },
    series: [
      {},
      { label: t('funnel.chart.viewers'), scale: 'viewers', stroke: VIEWERS, width: 2, fill: 'rgba(59, 79, 216, 0.08)', points: { show: xs.length < 3 } },
      { label: t('funnel.chart.chats'), scale: 'chats', stroke: CHATS, width: 2, points: { show: xs.length < 3 } },
    ],
    axes: [
      {},
      { scale: 'viewers', stroke: VIEWERS, size: 48 },
      { scale: 'chats', side: 1, stroke: CHATS, grid: { show: false }, size: 40 },
    ],
    plugins: [markersPlugin(timeline.markers)],
  };
  const plot = new uPlot(options, [xs, viewers, chats], container);
  const observer = new ResizeObserver(() => {
    const next = size();
    if (next.width !== plot.width) plot.setSize(next);
  });
  observer.observe(container);
  return {
    destroy: () => {
      observer.disconnect();
      plot.destroy();
    },
  };
}
