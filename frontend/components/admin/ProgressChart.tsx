'use client';

import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { chartColumns, type Bucket } from '@/lib/progress.mjs';

type Props = { series: Bucket[]; label: string };

/**
 * Units sold over time (cumulative, left axis) with requests and rejections per second (right
 * axis), drawn by uPlot on a canvas and resized with its container.
 */
export default function ProgressChart({ series, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data = chartColumns(series);
  const latest = useRef(data);
  useEffect(() => {
    latest.current = data;
  });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let gone = false;
    let observer: ResizeObserver | null = null;
    void import('uplot').then(({ default: UPlot }) => {
      if (gone) return;
      const width = () => Math.max(240, Math.floor(el.clientWidth));
      plot.current = new UPlot(
        {
          width: width(),
          height: 220,
          scales: { x: { time: true }, units: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max)] }, rate: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max)] } },
          axes: [
            { stroke: '#334155', grid: { stroke: '#e2e8f0' } },
            { scale: 'units', stroke: '#334155', grid: { stroke: '#e2e8f0' }, label: 'units sold' },
            { scale: 'rate', side: 1, stroke: '#334155', grid: { show: false }, label: 'per second' },
          ],
          series: [
            {},
            { label: 'Units sold', scale: 'units', stroke: '#b91c1c', width: 2, fill: 'rgba(185,28,28,0.08)' },
            { label: 'Requests/s', scale: 'rate', stroke: '#1d4ed8', width: 1.5 },
            { label: 'Rejected/s', scale: 'rate', stroke: '#a16207', width: 1.5, dash: [4, 3] },
          ],
          legend: { live: false },
        },
        latest.current,
        el,
      );
      observer = new ResizeObserver(() => plot.current?.setSize({ width: width(), height: 220 }));
      observer.observe(el);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  useEffect(() => {
    plot.current?.setData(data);
  });

  const maxSold = Math.max(0, ...data[1]);
  const maxRequests = Math.max(0, ...data[2]);
  return (
    <figure className="min-w-0">
      <div
        ref={box}
        className="w-full overflow-hidden"
        data-testid="progress-chart"
        data-points={data[0].length}
        data-max-sold={maxSold}
        data-max-requests={maxRequests}
        role="img"
        aria-label={`${label}: ${maxSold} units sold so far, at most ${maxRequests} requests in one second`}
      />
      <figcaption className="sr-only">Units sold over time, requests and rejections per second.</figcaption>
    </figure>
  );
}
