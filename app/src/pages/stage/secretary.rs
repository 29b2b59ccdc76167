//! The secretary's stage timer: start, pause, stop per team; overtime becomes a penalty.

use super::api::{CorrectPenalty, SecretaryView, TimerAction, get_secretary_view};
use crate::components::{
    forms::{ActionError, ActionSuccess, ConfirmSubmit},
    outcome::outcome,
};
use domain::stage::status::TimerState;
use domain::time::format_duration;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::time::Duration;

const TITLE: &str = "Thư ký · Đồng hồ sân khấu";
const START: &str = "Bắt đầu";
const RESUME: &str = "Tiếp tục";
const PAUSE: &str = "Tạm dừng";
const STOP: &str = "Dừng";
const RESET: &str = "Đặt lại";
const PENALTY: &str = "Điểm trừ";
const NO_PENALTY: &str = "Không bị trừ điểm";
const CORRECT: &str = "Điều chỉnh điểm trừ";
const REASON: &str = "Lý do";
const SAVE: &str = "Lưu điều chỉnh";
const DONE: &str = "Đã cập nhật.";
const LOADING: &str = "Đang tải…";

#[component]
pub fn SecretaryPage() -> impl IntoView {
    let query = use_query_map();
    let action = ServerAction::<TimerAction>::new();
    let correct = ServerAction::<CorrectPenalty>::new();
    let data = crate::data::page_data(
        move || {
            (
                query.with(|q| q.get("phan").and_then(|p| p.parse::<i32>().ok())),
                action.version().get(),
                correct.version().get(),
            )
        },
        |(part, _, _)| get_secretary_view(part),
    );
    // A tick for the running clocks; the figures come from the server at each action.
    let tick = RwSignal::new(0u64);
    Effect::new(move |_| {
        if let Ok(handle) =
            set_interval_with_handle(move || tick.update(|t| *t += 1), Duration::from_millis(500))
        {
            on_cleanup(move || handle.clear());
        }
    });
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="dashboard-secretary">
            <h1>{TITLE}</h1>
            <ActionError value=action.value()/>
            <ActionError value=correct.value()/>
            <ActionSuccess value=correct.value() message=DONE/>
            <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move { outcome(data.await, move |v| timers(v, action, correct, tick)) })}
            </Suspense>
        </section>
    }
}

fn timers(
    v: SecretaryView,
    action: ServerAction<TimerAction>,
    correct: ServerAction<CorrectPenalty>,
    tick: RwSignal<u64>,
) -> impl IntoView {
    let part_id = v.part_id;
    let loaded_tick = tick.get_untracked();
    view! {
        <nav class="tabs">
            {v.parts.iter().map(|(id, name)| view! {
                <a href=format!("/thu-ky?phan={id}") aria-current=(*id == part_id).then_some("page")>{name.clone()}</a>
            }).collect_view()}
        </nav>
        <div class="timer-grid">
            {v.timers.into_iter().map(|t| {
                let running = t.state == TimerState::Running;
                let base = t.elapsed_ms;
                let limit_ms = i64::from(t.limit_secs) * 1000;
                let shown = move || {
                    let extra = if running { (tick.get().saturating_sub(loaded_tick) as i64) * 500 } else { 0 };
                    base + extra
                };
                let over = move || shown() > limit_ms;
                let team = t.team.clone();
                let button = move |label: &'static str, act: &'static str, testid: String| {
                    // Stopping turns overtime into a penalty; resetting loses the time kept.
                    let question = match act {
                        "stop" => Some(format!("Dừng đồng hồ của {team}? Thời gian vượt (nếu có) sẽ thành điểm trừ.")),
                        "reset" => Some(format!("Đặt lại đồng hồ của {team} về 0? Thời gian đã tính sẽ mất.")),
                        _ => None,
                    };
                    view! {
                        <ActionForm action=action attr:class="inline">
                            <input type="hidden" name="part_id" value=part_id/>
                            <input type="hidden" name="team_id" value=t.team_id/>
                            <input type="hidden" name="action" value=act/>
                            {match question {
                                Some(question) => view! { <ConfirmSubmit label=label question=question yes=label testid=testid danger=true/> }.into_any(),
                                None => view! { <button type="submit" class="btn" data-testid=testid>{label}</button> }.into_any(),
                            }}
                        </ActionForm>
                    }
                };
                view! {
                    <article class="card stage-timer" data-testid="stage-timer">
                        <h3>{t.team.clone()}</h3>
                        <p class="big-clock" class:timer-low=over data-testid=format!("clock-{}", t.team_id)>{move || format_duration(shown())}</p>
                        <p class="muted">{format!("Giới hạn {}", format_duration(limit_ms))}</p>
                        <div class="actions">
                            {match t.state {
                                TimerState::Running => view! { {button(PAUSE, "pause", format!("pause-{}", t.team_id))} {button(STOP, "stop", format!("stop-{}", t.team_id))} }.into_any(),
                                TimerState::Paused => view! { {button(RESUME, "start", format!("start-{}", t.team_id))} {button(STOP, "stop", format!("stop-{}", t.team_id))} }.into_any(),
                                TimerState::Stopped => button(RESET, "reset", format!("reset-{}", t.team_id)).into_any(),
                                TimerState::Idle => button(START, "start", format!("start-{}", t.team_id)).into_any(),
                            }}
                        </div>
                        {t.penalty.clone().map(|p| {
                            let text = if p == "0" { NO_PENALTY.to_owned() } else { format!("{PENALTY}: -{p}") };
                            view! {
                                <p data-testid=format!("penalty-{}", t.team_id)><strong>{text}</strong>" · "{t.penalty_reason.clone()}</p>
                            }
                        })}
                        <details>
                            <summary class="btn btn-small">{CORRECT}</summary>
                            <ActionForm action=correct attr:class="form">
                                <input type="hidden" name="part_id" value=part_id/>
                                <input type="hidden" name="team_id" value=t.team_id/>
                                <label><span>{PENALTY}</span><input type="text" name="deduction" inputmode="decimal" required/></label>
                                <label><span>{REASON}</span><input type="text" name="reason" required/></label>
                                <button type="submit" class="btn btn-primary">{SAVE}</button>
                            </ActionForm>
                        </details>
                    </article>
                }
            }).collect_view()}
        </div>
    }
}
