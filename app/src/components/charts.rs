//! Charts drawn as SVG by the app itself: horizontal bars and a histogram.

use leptos::prelude::*;

/// One bar: label, share of the full width (0..=1) and the value written after the bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub share: f64,
    pub value: String,
}

const ROW: f64 = 34.0;
const LABEL: f64 = 230.0;
/// Characters of a label line that fit in [`LABEL`] pixels at the chart's font size.
const LABEL_CHARS: usize = 34;
const WIDTH: f64 = 640.0;

/// Horizontal bars, one per row.
#[component]
pub fn BarChart(bars: Vec<Bar>, title: String) -> impl IntoView {
    let height = ROW * bars.len() as f64 + 8.0;
    let plot = WIDTH - LABEL - 70.0;
    view! {
        <figure class="chart">
            <figcaption>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=title width="100%">
                {bars.into_iter().enumerate().map(|(i, b)| {
                    let y = i as f64 * ROW + 4.0;
                    let w = (b.share.clamp(0.0, 1.0) * plot).max(1.0);
                    // Long unit names wrap onto two lines rather than run off the left edge.
                    let lines = domain::text::wrap_words(&b.label, LABEL_CHARS, 2);
                    let first = if lines.len() > 1 { y + 13.0 } else { y + 20.0 };
                    view! {
                        <g>
                            <title>{b.label.clone()}</title>
                            <text x=LABEL - 6.0 y=first text-anchor="end" class="chart-label" data-testid="chart-label">
                                {lines.into_iter().enumerate().map(|(n, line)| view! {
                                    <tspan x=LABEL - 6.0 dy=if n == 0 { 0.0 } else { 14.0 }>{line}</tspan>
                                }).collect_view()}
                            </text>
                            <rect x=LABEL y=y + 5.0 width=w height=ROW - 10.0 rx="3" class="chart-bar"/>
                            <text x=LABEL + w + 6.0 y=y + 20.0 class="chart-value">{b.value}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

/// Vertical bars of counts by value (index = value).
#[component]
pub fn Histogram(counts: Vec<u32>, title: String, x_label: String) -> impl IntoView {
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let n = counts.len().max(1) as f64;
    let (w, h, base) = (WIDTH, 220.0, 190.0);
    let slot = (w - 40.0) / n;
    view! {
        <figure class="chart">
            <figcaption>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=title width="100%">
                <line x1="20" y1=base x2=w - 20.0 y2=base class="chart-axis"/>
                {counts.into_iter().enumerate().map(|(i, c)| {
                    let bh = (c as f64 / max) * (base - 20.0);
                    let x = 20.0 + i as f64 * slot;
                    view! {
                        <g>
                            <rect x=x + 2.0 y=base - bh width=(slot - 4.0).max(1.0) height=bh class="chart-bar"/>
                            <text x=x + slot / 2.0 y=base + 16.0 text-anchor="middle" class="chart-label">{i}</text>
                            {(c > 0).then(|| view! { <text x=x + slot / 2.0 y=base - bh - 4.0 text-anchor="middle" class="chart-value">{c}</text> })}
                        </g>
                    }
                }).collect_view()}
                <text x=w / 2.0 y=h - 2.0 text-anchor="middle" class="chart-label">{x_label}</text>
            </svg>
        </figure>
    }
}
