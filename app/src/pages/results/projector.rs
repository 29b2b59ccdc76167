//! The projector view for the hall: large type, the top ranks without scrolling, cycling through
//! the published boards, updated within a second of a change through Server-Sent Events.

use super::{
    api::{ProjectorData, get_projector_data},
    prize_label,
};
use crate::components::outcome::outcome;
use domain::{UnitGroup, text::format_number};
use leptos::prelude::*;
use leptos_meta::Title;
use std::time::Duration;

const TITLE: &str = "Hội thi tuyên truyền, cổ động về cải cách hành chính · Bình Định 2017";
const WAITING: &str = "Kết quả sẽ được công bố tại đây.";
const SLIDE_SECS: u64 = 12;
/// Rows on one slide: sized so they fit a 1024×768 projector and larger.
const ROWS_PER_SLIDE: usize = 12;
/// At least this many places are shown, more when prizes reach further down.
const TOP: usize = 10;

/// The rows a board shows: the top ten and every prize winner after them.
fn shown<T>(rows: Vec<T>, has_prize: impl Fn(&T) -> bool) -> Vec<T> {
    let last_prize = rows.iter().rposition(&has_prize).map_or(0, |i| i + 1);
    rows.into_iter().take(last_prize.max(TOP)).collect()
}

/// Splits `rows` into slides of [`ROWS_PER_SLIDE`], titled "(trang 1/2)" when there are several.
fn pages<T>(title: String, rows: Vec<T>) -> Vec<(String, Vec<T>)> {
    let count = rows.len().div_ceil(ROWS_PER_SLIDE).max(1);
    let mut rows = rows.into_iter().peekable();
    (1..=count)
        .map(|n| {
            let chunk: Vec<T> = rows.by_ref().take(ROWS_PER_SLIDE).collect();
            let title = if count > 1 { format!("{title} (trang {n}/{count})") } else { title.clone() };
            (title, chunk)
        })
        .collect()
}

#[component]
pub fn ProjectorPage() -> impl IntoView {
    // Bumped by each server event; the data is fetched again then.
    let changes = RwSignal::new(0u64);
    let data = crate::data::page_data(move || changes.get(), |_| get_projector_data());
    let slide = RwSignal::new(0usize);
    Effect::new(move |_| {
        if let Ok(handle) = set_interval_with_handle(
            move || slide.update(|s| *s = s.wrapping_add(1)),
            Duration::from_secs(SLIDE_SECS),
        ) {
            on_cleanup(move || handle.clear());
        }
        crate::components::live_events::subscribe("/su-kien/ket-qua".into(), move || {
            changes.update(|c| *c += 1)
        });
    });
    view! {
        <Title text="Màn hình máy chiếu"/>
        <div class="projector" data-testid="projector">
            <header class="projector-head"><span class="brand-mark">"CCHC"</span><span>{TITLE}</span></header>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move { outcome(data.await, move |d| slides(d, slide)) })}
            </Transition>
        </div>
    }
}

fn slides(d: ProjectorData, slide: RwSignal<usize>) -> impl IntoView {
    let mut views: Vec<AnyView> = Vec::new();
    for r in &d.rounds {
        let people = shown(r.people.clone(), |p| p.prize.is_some());
        for (title, rows) in pages(format!("{} · Giải cá nhân", r.name), people) {
            views.push(
                view! {
                    <section class="slide" data-round=r.name.clone()>
                        <h1>{title}</h1>
                        <ol class="big-board">{rows.into_iter().map(|p| view! {
                            <li class:lead=p.rank == 1 data-testid="projector-row"><span class="rank">{p.rank}</span><span class="who">{p.name}<small>{p.unit}</small></span>
                                <span class="score">{format!("{}/{}", p.correct, p.total)}</span><span class="prize">{prize_label(p.prize)}</span></li>
                        }).collect_view()}</ol>
                    </section>
                }
                .into_any(),
            );
        }
        for g in UnitGroup::ALL {
            let units =
                shown(r.units.iter().filter(|u| u.group == g).cloned().collect(), |u| u.prize.is_some());
            for (title, rows) in pages(format!("{} · {}", r.name, g.label()), units) {
                views.push(
                    view! {
                        <section class="slide">
                            <h1>{title}</h1>
                            <ol class="big-board">{rows.into_iter().map(|u| view! {
                                <li class:lead={u.rank == Some(1) && u.participants > 0} data-testid="projector-row"><span class="rank">{domain::results::units::rank_text(u.rank)}</span><span class="who">{u.name}<small>{format!("{} người tham gia", format_number(i64::from(u.participants)))}</small></span>
                                    <span class="score">{u.rate}</span><span class="prize">{prize_label(u.prize)}</span></li>
                            }).collect_view()}</ol>
                        </section>
                    }
                    .into_any(),
                );
            }
        }
    }
    if let Some(stage) = d.stage {
        if stage.side_prizes.iter().any(|a| !a.winners.is_empty()) {
            views.push(
                view! {
                    <section class="slide">
                        <h1>"Vòng chung kết · Giải phụ"</h1>
                        <ol class="big-board">{stage.side_prizes.iter().filter(|a| !a.winners.is_empty()).map(|a| view! {
                            <li data-testid="projector-row"><span class="rank">"★"</span>
                                <span class="who">{a.winners.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>().join("; ")}<small>{a.winners.first().map(|(_, s)| format!("{}: {s}", a.basis)).unwrap_or_default()}</small></span>
                                <span class="score"></span><span class="prize">{a.prize.clone()}</span></li>
                        }).collect_view()}</ol>
                    </section>
                }
                .into_any(),
            );
        }
        let teams = shown(stage.teams, |t| t.prize.is_some());
        for (title, rows) in pages("Vòng chung kết · Xếp hạng chung cuộc".to_owned(), teams) {
            views.push(
                view! {
                    <section class="slide">
                        <h1>{title}</h1>
                        <ol class="big-board">{rows.into_iter().map(|t| view! {
                            <li class:lead=t.rank == 1 data-testid="projector-row"><span class="rank">{t.rank}</span><span class="who">{t.name}</span><span class="score">{t.total}</span><span class="prize">{prize_label(t.prize)}</span></li>
                        }).collect_view()}</ol>
                    </section>
                }
                .into_any(),
            );
        }
    }
    if views.is_empty() {
        views.push(view! { <section class="slide"><h1 class="waiting">{WAITING}</h1></section> }.into_any());
    }
    let count = views.len();
    view! {
        <div class="slides" data-version=d.version data-testid="projector-slides">
            {views.into_iter().enumerate().map(|(i, v)| view! {
                <div class="slide-wrap" class:active=move || slide.get() % count == i>{v}</div>
            }).collect_view()}
        </div>
    }
}
