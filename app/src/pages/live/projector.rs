//! The projector in the live round: the question, the options and a large countdown; then the
//! distribution of answers and the scoreboard.

use super::{
    api::{LiveView, projector_view},
    letter, phase_label,
};
use crate::components::{
    live_events::{countdown, subscribe},
    outcome::outcome,
};
use domain::{live::Phase, time::format_countdown};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn LiveProjectorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let changes = RwSignal::new(0u64);
    let data = crate::data::page_data(move || (id(), changes.get()), |(id, _)| projector_view(id));
    Effect::new(move |_| {
        subscribe(format!("/su-kien/truc-tiep/{}", id()), move || changes.update(|c| *c += 1))
    });
    view! {
        <Title text="Máy chiếu · Phần thi kiến thức"/>
        <div class="projector live-projector" data-testid="live-projector">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move { outcome(data.await, screen) })}
            </Transition>
        </div>
    }
}

fn screen(v: LiveView) -> impl IntoView {
    let left = countdown(v.remaining_ms, v.phase == Phase::Open);
    let total = v.distribution.as_ref().map_or(0, |d| d.iter().sum::<u32>()).max(1);
    let show_board = matches!(v.phase, Phase::Scoreboard | Phase::Ended | Phase::Lobby);
    let wide = v.scoreboard.len() > 11;
    view! {
        <header class="projector-head"><span class="brand-mark">"CCHC"</span><span>{v.name.clone()}</span>
            <span class="phase" data-testid="projector-phase" data-phase=v.phase.as_str()>{phase_label(v.phase)}</span></header>
        <div class="slides">{if show_board {
            view! {
                <section class="slide-wrap active">
                    <h1>"Bảng điểm"</h1>
                    // Every team on one screen: up to 11 a column, as many columns as needed.
                    <ol class="big-board live-scoreboard" class:wide=wide data-testid="projector-scoreboard">{v.scoreboard.into_iter().map(|r| {
                        let lead = r.rank == 1 && r.points != "0";
                        view! {
                        <li class:lead=lead data-testid="scoreboard-row"><span class="rank">{r.rank}</span><span class="who">{r.name}</span><span class="score">{r.points}</span></li>
                    }}).collect_view()}</ol>
                </section>
            }.into_any()
        } else {
            view! {
                <section class="slide-wrap active live-question">
                    <div class="live-top">
                        <h1>{format!("Câu {}/{}", v.index + 1, v.questions)}</h1>
                        {matches!(v.phase, Phase::Showing | Phase::Open | Phase::Paused).then(|| view! {
                            <strong class="live-clock" data-testid="projector-clock">{move || format_countdown(left.get())}</strong>
                        })}
                    </div>
                    <p class="live-text" data-testid="projector-question">{v.text.clone()}</p>
                    <ol class="live-big-options">{v.options.iter().enumerate().map(|(i, o)| {
                        let count = v.distribution.as_ref().and_then(|d| d.get(i)).copied();
                        let share = count.map(|c| f64::from(c) / f64::from(total) * 100.0);
                        view! {
                            <li class:correct=v.correct == Some(i) data-testid=format!("projector-option-{i}")>
                                <span class="quiz-letter">{letter(i)}</span><span class="opt">{o.clone()}</span>
                                {count.map(|c| view! {
                                    <span class="dist"><svg class="dist-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect width=format!("{:.1}", share.unwrap_or(0.0).max(1.0)) height="10" rx="2"/></svg>
                                    <b data-testid=format!("count-{i}")>{c}</b></span>
                                })}
                            </li>
                        }
                    }).collect_view()}</ol>
                </section>
            }.into_any()
        }}</div>
    }
}
